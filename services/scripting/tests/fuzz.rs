//! Robustness: arbitrary input to the definition parser and the expression evaluator never
//! panics and never hangs (the run is bounded by proptest's case count).
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use scripting::expr::{Env, Expr};

fn env() -> Env {
    Env::new(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).with(
        "answers",
        &serde_json::json!({"a": 1, "b": "x", "c": [1, 2], "d": null}),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]

    #[test]
    fn expressions_never_panic(src in "[a-z0-9 ().\\[\\]{}!<>=&|+*/%'\"?:,_-]{0,200}") {
        if let Ok(e) = Expr::parse(&src) {
            let _ = e.eval(&env());
        }
    }

    #[test]
    fn nesting_never_overflows(depth in 0usize..6000, open in "[(\\[{!-]") {
        let src = format!("{}1", open.repeat(depth));
        let _ = Expr::parse(&src).map(|e| e.eval(&env()));
    }

    #[test]
    fn definitions_never_panic(text in "[a-z_=\\[\\]{}\"'\n .,0-9#]{0,400}") {
        let files = vec![(std::path::PathBuf::from("x.toml"), text)];
        let (lib, _) = scripting::lint::load(files);
        let _ = scripting::lint::lint(&lib);
    }

    #[test]
    fn structured_definitions_never_panic(start in "[a-z]{1,3}", goto in "[a-z]{1,3}", cond in "[a-z.=' ]{0,30}") {
        let text = format!("id = \"s\"\nform = \"f\"\nkind = \"outbound\"\nlanguages = [\"en\"]\ntitle = {{ en = \"t\" }}\nstart = \"{start}\"\n[[nodes]]\nid = \"{start}\"\nnext = [{{ if = \"{cond}\", goto = \"{goto}\" }}]\n");
        let form = "id = \"f\"\nlanguages = [\"en\"]\ntitle = { en = \"t\" }\n[[fields]]\nid = \"a\"\ntype = \"text\"\nlabel = { en = \"A\" }\n".to_string();
        let (lib, _) = scripting::lint::load(vec![("s.toml".into(), text), ("f.toml".into(), form)]);
        let _ = scripting::lint::lint(&lib);
    }
}
