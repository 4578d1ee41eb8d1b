//! The catalogs are embedded at compile time (`static_loader!`): rebuild when any file
//! under `locales/` is added, changed or removed, not only when Rust code changes.

fn main() {
    println!("cargo:rerun-if-changed=locales");
}
