//! The expression language: CEL (the Common Expression Language, via the `cel` crate).
//!
//! Why CEL rather than a language of our own: it is a published, specified language that
//! authors may already know from Kubernetes validation rules; it has no loops, no I/O and no
//! side effects, so evaluation always ends; it has the comparisons, `&&`/`||`/`!`, arithmetic,
//! membership (`in`), the ternary, `size()` and string methods that branching, visibility,
//! constraints and computed values need. We add two functions for dates (`today()`,
//! `days_between(a, b)`) and keep dates as ISO `YYYY-MM-DD` texts, which compare correctly as
//! strings.
//!
//! The crate's recursive-descent parser overflows the stack (and aborts the process) on
//! deeply nested input, so every expression is bounded in length, bracket depth, runs of unary
//! operators and operator count *before* it reaches the parser.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use cel::{Context, ExecutionError, Program, Value};

/// The standard library's declarations, built once: building them (thousands of overloads)
/// cost more than evaluating a form's every condition, and every evaluation built them again.
static STDLIB: LazyLock<Arc<cel::Env>> = LazyLock::new(|| Arc::new(cel::Env::stdlib()));

/// Compiled programs by source: a form's conditions and a topic's routing rules are the same
/// few texts evaluated for every submission, and compiling (the ANTLR parser) is the costly
/// part. Bounded: emptied when full (sources come from published content, not from users).
static COMPILED: LazyLock<Mutex<HashMap<String, Arc<Program>>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));
const MAX_COMPILED: usize = 4096;

/// Longest expression accepted, in characters.
pub const MAX_LEN: usize = 1000;
/// Deepest nesting of `(`, `[` and `{` accepted.
pub const MAX_DEPTH: usize = 20;
/// Most operators in one expression (bounds evaluation depth of long chains).
pub const MAX_OPERATORS: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExprError {
    #[error("expression longer than {MAX_LEN} characters")]
    TooLong,
    #[error("expression nested deeper than {MAX_DEPTH} levels")]
    TooDeep,
    #[error("expression has more than {MAX_OPERATORS} operators")]
    TooComplex,
    #[error("syntax error: {0}")]
    Syntax(String),
}

/// A parsed expression with its source.
#[derive(Debug)]
pub struct Expr {
    pub source: String,
    program: Arc<Program>,
}

impl Expr {
    /// Bounds, then parses, `source`.
    pub fn parse(source: &str) -> Result<Self, ExprError> {
        check_bounds(source)?;
        let cached = COMPILED.lock().ok().and_then(|c| c.get(source).cloned());
        if let Some(program) = cached {
            return Ok(Self {
                source: source.to_string(),
                program,
            });
        }
        let program = Program::compile(source).map_err(|e| {
            let text = e.to_string();
            ExprError::Syntax(
                text.lines()
                    .next()
                    .unwrap_or("invalid expression")
                    .to_string(),
            )
        })?;
        let program = Arc::new(program);
        if let Ok(mut c) = COMPILED.lock() {
            if c.len() >= MAX_COMPILED {
                c.clear();
            }
            c.insert(source.to_string(), program.clone());
        }
        Ok(Self {
            source: source.to_string(),
            program,
        })
    }

    /// The top-level names the expression reads (`answers`, `person`, ...).
    pub fn variables(&self) -> Vec<String> {
        self.program
            .references()
            .variables()
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    /// Evaluates against `env`. Errors (a type mismatch, a null compared with `<`) are values,
    /// never panics.
    pub fn eval(&self, env: &Env) -> Result<serde_json::Value, String> {
        let mut ctx = Context::with_env(STDLIB.clone());
        for (name, value) in &env.vars {
            ctx.add_variable_from_value(name.as_str(), value.clone());
        }
        let today = env.today.clone();
        ctx.add_function("today", move || today.clone())
            .map_err(|e| e.to_string())?;
        ctx.add_function("days_between", days_between)
            .map_err(|e| e.to_string())?;
        let program = &*self.program;
        let result =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| program.execute(&ctx)))
                .map_err(|_| "the expression could not be evaluated".to_string())?;
        let value = result.map_err(|e| e.to_string())?;
        to_json(&value)
    }

    /// Evaluates a condition: `Ok(bool)`, or an error when it is not a boolean.
    pub fn eval_bool(&self, env: &Env) -> Result<bool, String> {
        match self.eval(env)? {
            serde_json::Value::Bool(b) => Ok(b),
            other => Err(format!("expected true or false, got {}", kind_of(&other))),
        }
    }
}

/// Rejects input that would make the parser or evaluator recurse too deeply.
fn check_bounds(source: &str) -> Result<(), ExprError> {
    if source.chars().count() > MAX_LEN {
        return Err(ExprError::TooLong);
    }
    let (mut depth, mut unary_run, mut operators) = (0usize, 0usize, 0usize);
    let mut in_string: Option<char> = None;
    let mut prev = ' ';
    for c in source.chars() {
        if let Some(q) = in_string {
            if c == q && prev != '\\' {
                in_string = None;
            }
            prev = c;
            continue;
        }
        match c {
            '\'' | '"' => in_string = Some(c),
            '(' | '[' | '{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(ExprError::TooDeep);
                }
            }
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            '!' | '-' => {
                unary_run += 1;
                if unary_run > 4 {
                    return Err(ExprError::TooDeep);
                }
            }
            _ => {}
        }
        if !matches!(c, '!' | '-' | ' ') {
            unary_run = 0;
        }
        if matches!(
            c,
            '+' | '-' | '*' | '/' | '%' | '<' | '>' | '=' | '&' | '|' | '?' | '.'
        ) {
            operators += 1;
            if operators > MAX_OPERATORS * 2 {
                return Err(ExprError::TooComplex);
            }
        }
        prev = c;
    }
    Ok(())
}

fn days_between(a: Arc<String>, b: Arc<String>) -> Result<Value, ExecutionError> {
    let parse = |s: &str| {
        chrono::NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").map_err(|_| {
            ExecutionError::function_error("days_between", format!("{s:?} is not a date"))
        })
    };
    Ok(Value::Int((parse(&b)? - parse(&a)?).num_days()))
}

/// What an expression can see.
#[derive(Debug, Clone)]
pub struct Env {
    vars: Vec<(String, Value)>,
    today: String,
}

impl Env {
    /// `today` is `YYYY-MM-DD` (from the injected clock, so tests can move it).
    pub fn new(today: chrono::NaiveDate) -> Self {
        Self {
            vars: Vec::new(),
            today: today.format("%Y-%m-%d").to_string(),
        }
    }

    /// Binds `name` to a JSON value (objects become maps, arrays lists).
    pub fn with(mut self, name: &str, value: &serde_json::Value) -> Self {
        self.vars.push((name.to_string(), from_json(value)));
        self
    }

    pub fn set(&mut self, name: &str, value: &serde_json::Value) {
        self.vars.retain(|(n, _)| n != name);
        self.vars.push((name.to_string(), from_json(value)));
    }
}

fn from_json(v: &serde_json::Value) -> Value {
    use serde_json::Value as J;
    match v {
        J::Null => Value::Null,
        J::Bool(b) => Value::Bool(*b),
        J::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap_or(0.0)),
        },
        J::String(s) => Value::String(Arc::new(s.clone())),
        J::Array(items) => Value::List(Arc::new(items.iter().map(from_json).collect())),
        J::Object(map) => {
            let entries: std::collections::HashMap<cel::objects::Key, Value> = map
                .iter()
                .map(|(k, v)| (cel::objects::Key::String(Arc::new(k.clone())), from_json(v)))
                .collect();
            Value::Map(cel::objects::Map {
                map: Arc::new(entries),
            })
        }
    }
}

fn to_json(v: &Value) -> Result<serde_json::Value, String> {
    use serde_json::Value as J;
    Ok(match v {
        Value::Null => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Int(i) => J::from(*i),
        Value::UInt(u) => J::from(*u),
        Value::Float(f) => serde_json::Number::from_f64(*f)
            .map(J::Number)
            .unwrap_or(J::Null),
        Value::String(s) => J::String(s.to_string()),
        Value::List(items) => J::Array(items.iter().map(to_json).collect::<Result<_, _>>()?),
        other => return Err(format!("unsupported result {other:?}")),
    })
}

/// A short name of a JSON value's type, for messages.
pub fn kind_of(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(n) if n.is_i64() => "an integer",
        serde_json::Value::Number(_) => "a decimal",
        serde_json::Value::String(_) => "a text",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "a map",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn env() -> Env {
        Env::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default())
            .with("answers", &json!({"onset": "2026-11-20", "n": 3, "syms": ["fever"], "c": [{"a": 1}, {"a": 2}], "none": null}))
    }

    fn eval(src: &str) -> Result<serde_json::Value, String> {
        Expr::parse(src).map_err(|e| e.to_string())?.eval(&env())
    }

    #[test]
    fn the_usual_expressions() {
        assert_eq!(eval("answers.n + 2 * 3"), Ok(json!(9)));
        assert_eq!(eval("answers.onset <= today()"), Ok(json!(true)));
        assert_eq!(eval("days_between(answers.onset, today())"), Ok(json!(3)));
        assert_eq!(
            eval("'fever' in answers.syms && size(answers.c) == 2"),
            Ok(json!(true))
        );
        assert_eq!(
            eval("answers.none == null ? 'absent' : 'present'"),
            Ok(json!("absent"))
        );
        assert_eq!(eval("!(answers.n > 5) || false"), Ok(json!(true)));
        assert_eq!(eval("'Janssens'.startsWith('Jan')"), Ok(json!(true)));
    }

    #[test]
    fn errors_are_values() {
        assert!(eval("answers.missing == 1").is_err());
        assert!(eval("answers.none < 3").is_err());
        assert!(eval("days_between('x', today())").is_err());
        assert!(Expr::parse("answers.n +").is_err());
    }

    #[test]
    fn hostile_nesting_is_refused_before_parsing() {
        assert_eq!(
            Expr::parse(&"(".repeat(5000)).err(),
            Some(ExprError::TooLong)
        );
        assert_eq!(
            Expr::parse(&format!("{}1{}", "(".repeat(30), ")".repeat(30))).err(),
            Some(ExprError::TooDeep)
        );
        assert_eq!(Expr::parse(&"!".repeat(50)).err(), Some(ExprError::TooDeep));
        assert_eq!(
            Expr::parse(&vec!["1"; 200].join("+")).err(),
            Some(ExprError::TooComplex)
        );
    }
}
