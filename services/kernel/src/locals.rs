//! State a service keeps in memory for one node (one `Kernel` and its clones), such as the
//! claims waiting to be taken together: one value per type, made on first use. Kept in the
//! kernel rather than in statics because one test process runs several nodes, each on its
//! own database.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[derive(Default, Clone)]
pub struct Locals {
    values: Arc<Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>>,
}

impl Locals {
    /// This node's `T`, made with `T::default()` the first time.
    pub fn get<T: Default + Send + Sync + 'static>(&self) -> Arc<T> {
        let mut values = self
            .values
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let value = values
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Arc::new(T::default()))
            .clone();
        // The map holds a `T` under `T`'s own type id, so the downcast holds; should it not,
        // a fresh value is better than a panic.
        value
            .downcast::<T>()
            .unwrap_or_else(|_| Arc::new(T::default()))
    }
}

impl std::fmt::Debug for Locals {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Locals")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Counter(std::sync::atomic::AtomicU32);

    #[test]
    fn one_value_per_type_and_per_node() {
        let node = Locals::default();
        let clone = node.clone();
        node.get::<Counter>()
            .0
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        assert_eq!(
            clone
                .get::<Counter>()
                .0
                .load(std::sync::atomic::Ordering::Relaxed),
            1
        );
        let other = Locals::default();
        assert_eq!(
            other
                .get::<Counter>()
                .0
                .load(std::sync::atomic::Ordering::Relaxed),
            0
        );
    }
}
