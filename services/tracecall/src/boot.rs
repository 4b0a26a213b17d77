//! Opening the kernel: connect, migrate, load keys. Shared by `serve` and the other commands
//! so every command sees the same database the same way.

use std::sync::Arc;

use kernel::clock::Clock;
use kernel::config::Config;
use kernel::crypto::blind::BlindIndex;
use kernel::crypto::envelope::Envelope;
use kernel::crypto::keyring::KeyRing;
use kernel::db::Db;
use kernel::metrics::Metrics;
use kernel::Kernel;

/// Connects to the configured database, applies migrations and loads the keys.
pub async fn open(config: Config, clock: Arc<dyn Clock>) -> kernel::Result<Kernel> {
    let db = Db::connect(&config.database_url(), config.database.max_connections).await?;
    if config.database.migrate_on_start {
        db.migrate().await?;
    }
    let ring = KeyRing::load(&config, db.backend())?;
    let envelope = Envelope::load(&db, &ring, clock.now()).await?;
    let blind = BlindIndex::new(envelope.index_root(), config.crypto.token_bits);
    db.set_audit_keys(kernel::audit::chain::ChainKeys::derive(
        envelope.index_root(),
    ));
    let kernel = Kernel {
        db,
        config: Arc::new(config),
        clock,
        metrics: Arc::new(Metrics::default()),
        envelope: Arc::new(envelope),
        blind: Arc::new(blind),
        notices: kernel::notices::Notices::default(),
        erasure: erasure_hooks(),
        locals: kernel::locals::Locals::default(),
    };
    // Dates written in the clear by an earlier release are sealed before anything reads them.
    let sealed = cases::dates::seal_legacy(&kernel).await?;
    if sealed > 0 {
        tracing::info!(
            cases = sealed,
            "sealed the dates of cases registered before they were"
        );
    }
    Ok(kernel)
}

/// Every service's part of erasing a person.
fn erasure_hooks() -> kernel::erasure::Hooks {
    let hooks = kernel::erasure::Hooks::default();
    hooks.register("campaigns", campaigns::erase::hook);
    hooks.register("console", console::erase::hook);
    hooks.register("requests", requests::erase::hook);
    hooks
}
