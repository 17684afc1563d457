//! Writes synthetic cases for the whole-process benchmarks:
//! `cargo run --release --example synthetic -- DIR COUNT ITEMS`.

use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: synthetic DIR COUNT ITEMS";
    let dir = PathBuf::from(args.next().expect(usage));
    let count: u64 = args.next().and_then(|a| a.parse().ok()).expect(usage);
    let items: usize = args.next().and_then(|a| a.parse().ok()).expect(usage);
    std::fs::create_dir_all(&dir).expect("the folder can be created");
    for seed in 0..count {
        let path = dir.join(format!("case-{seed:04}.yaml"));
        std::fs::write(&path, promocase::synthetic::case_yaml(items, seed))
            .expect("the case can be written");
    }
}
