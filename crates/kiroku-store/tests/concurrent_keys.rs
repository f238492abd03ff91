//! Vaults keyed on many threads at once, from a fresh process: SQLCipher initialises itself on
//! the first connection, and a connection keyed meanwhile used to fail (about one run in 40
//! before `keyed_connection` gave the first key alone). A probe, not a proof: it can only
//! catch the race when the threads happen to collide.
#![allow(clippy::unwrap_used)]

use kiroku_store::{MasterKey, Vault};

#[test]
fn sixteen_vaults_created_at_the_same_moment_all_open() {
    let dir = tempfile::tempdir().unwrap();
    let barrier = std::sync::Barrier::new(16);
    std::thread::scope(|s| {
        for i in 0..16 {
            let (dir, barrier) = (&dir, &barrier);
            s.spawn(move || {
                let key = MasterKey::generate();
                let path = dir.path().join(format!("v{i}.kiroku"));
                barrier.wait();
                drop(Vault::create(&path, &key).unwrap());
                Vault::open(&path, &key).unwrap();
            });
        }
    });
}
