//! B4: sealing one 256-byte field. Ours (`PersonKey::seal` on `ring`, what every field about a
//! citizen goes through: header, random nonce, associated data) against the same crate's raw
//! seal in a loop, on one core. Also printed: the deployment key's `Envelope::seal` (staff
//! secrets, and citizens' fields before per-person keys), a seal that first unwraps the
//! person's key (what an autosave does, as it reads the wrapped key with the call), and
//! RustCrypto `aes-gcm`, the alternative when choosing the AEAD.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use kernel::crypto::envelope::{Aad, Envelope};

const FIELD: [u8; 256] = [0x5a; 256];

fn rate(mut f: impl FnMut(u64)) -> f64 {
    // Warm up, then count seals for about two seconds.
    for i in 0..10_000 {
        f(i);
    }
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < Duration::from_secs(2) {
        for _ in 0..1000 {
            f(n);
            n += 1;
        }
    }
    n as f64 / start.elapsed().as_secs_f64()
}

fn main() {
    let envelope = Envelope::from_keys(7, [3; 32], [4; 32]).unwrap();
    let ours = rate(|i| {
        let row = i.to_string();
        black_box(
            envelope
                .seal(
                    Aad {
                        table: "people",
                        column: "last_name",
                        row: &row,
                    },
                    &FIELD,
                )
                .unwrap(),
        );
    });

    let (person, wrapped) = envelope.new_person_key("p1").unwrap();
    fn at(row: &str) -> Aad<'_> {
        Aad {
            table: "people",
            column: "last_name",
            row,
        }
    }
    let per_person = rate(|i| {
        black_box(person.seal(at(&i.to_string()), &FIELD).unwrap());
    });
    let unwrap_and_seal = rate(|i| {
        let key = envelope.person_key("p1", &wrapped).unwrap();
        black_box(key.seal(at(&i.to_string()), &FIELD).unwrap());
    });

    let raw = Aes256Gcm::new_from_slice(&[3; 32]).unwrap();
    let baseline = rate(|i| {
        let mut nonce = [0u8; 12];
        nonce[..8].copy_from_slice(&i.to_le_bytes());
        black_box(
            raw.encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: &FIELD,
                    aad: b"people.last_name:1",
                },
            )
            .unwrap(),
        );
    });

    let ring_key = ring::aead::LessSafeKey::new(
        ring::aead::UnboundKey::new(&ring::aead::AES_256_GCM, &[3; 32]).unwrap(),
    );
    let ring_rate = rate(|i| {
        let mut nonce = [0u8; 12];
        nonce[..8].copy_from_slice(&i.to_le_bytes());
        let mut buf = FIELD.to_vec();
        ring_key
            .seal_in_place_append_tag(
                ring::aead::Nonce::assume_unique_for_key(nonce),
                ring::aead::Aad::from(b"people.last_name:1"),
                &mut buf,
            )
            .unwrap();
        black_box(buf);
    });

    println!("aes-gcm (RustCrypto) raw seal: {baseline:.0} seals/s");
    println!("ring raw seal:                 {ring_rate:.0} seals/s");
    println!("Envelope::seal (deployment):   {ours:.0} seals/s");
    println!("unwrap person key + seal:      {unwrap_and_seal:.0} seals/s");
    println!(
        "B4: ours={per_person:.0} seals/s (PersonKey::seal) baseline={ring_rate:.0} seals/s ratio={:.2}",
        per_person / ring_rate
    );
}
