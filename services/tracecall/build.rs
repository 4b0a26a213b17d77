//! The shipped scripts, forms and courses are built into the binary (`src/shipped.rs`):
//! rebuild when any of their files changes.

fn main() {
    for dir in ["../../scripts", "../../forms", "../../elearning"] {
        println!("cargo:rerun-if-changed={dir}");
    }
}
