//! Case codes that people can read over the phone: six random symbols and a check symbol
//! from an alphabet without look-alikes (no 0/O, 1/I/L). The alphabet has 31 symbols, a
//! prime, so the weighted check catches every single wrong symbol and every swap of two
//! neighbours. Codes are random, so one code says nothing about another.

use rand::Rng;

const ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

fn check(body: &[u8]) -> Option<u8> {
    let mut sum = 0usize;
    for (i, c) in body.iter().enumerate() {
        let v = ALPHABET.iter().position(|a| a == c)?;
        sum += v * (i + 2);
    }
    Some(ALPHABET[(31 - sum % 31) % 31])
}

/// A new random code.
pub fn generate() -> String {
    let mut rng = rand::rng();
    let body: Vec<u8> = (0..6).map(|_| ALPHABET[rng.random_range(0..31)]).collect();
    let c = check(&body).unwrap_or(b'2');
    let mut s = String::from_utf8(body).unwrap_or_default();
    s.push(c as char);
    s
}

/// The code in canonical form if `input` is a well-formed code (case, spaces and dashes
/// ignored) with a matching check symbol.
pub fn parse(input: &str) -> Option<String> {
    let s: String = input
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .flat_map(char::to_uppercase)
        .collect();
    let bytes = s.as_bytes();
    if bytes.len() != 7 {
        return None;
    }
    (check(&bytes[..6])? == bytes[6]).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_check_themselves() {
        for _ in 0..200 {
            let c = generate();
            assert_eq!(parse(&c), Some(c.clone()));
            assert_eq!(parse(&c.to_lowercase()), Some(c.clone()));
            // One wrong symbol is caught.
            let mut b = c.clone().into_bytes();
            b[2] = if b[2] == b'A' { b'B' } else { b'A' };
            assert_eq!(parse(std::str::from_utf8(&b).unwrap_or("")), None);
            // A swap of two different neighbours is caught.
            let mut b = c.clone().into_bytes();
            if b[0] != b[1] {
                b.swap(0, 1);
                assert_eq!(parse(std::str::from_utf8(&b).unwrap_or("")), None);
            }
        }
        assert_eq!(parse("hello"), None);
    }
}
