//! Many rows in one statement with one parameter per column, on both backends.
//!
//! A multi-row `VALUES` list binds one parameter per value: a few thousand rows make tens of
//! thousands of parameters, which PostgreSQL parses and plans at a cost that outweighs the
//! insert itself (measured on an import: 2,000 cases and their events took 100-150 ms, most
//! of it parsing). Here each column travels as one array: a PostgreSQL array literal that
//! `unnest` turns back into rows, or on SQLite one JSON array of rows that `json_each`
//! reads. Values are quoted as their formats require (any text, NULLs, bytes in hex), so
//! nothing depends on what the text holds.

use sqlx::any::AnyRow;
use sqlx::AnyConnection;

use crate::db::Backend;

/// One column's values.
pub enum Column<'a> {
    Text(Vec<Option<&'a str>>),
    Bytes(Vec<Option<&'a [u8]>>),
    Int(Vec<i64>),
}

impl Column<'_> {
    fn len(&self) -> usize {
        match self {
            Column::Text(v) => v.len(),
            Column::Bytes(v) => v.len(),
            Column::Int(v) => v.len(),
        }
    }

    fn pg_type(&self) -> &'static str {
        match self {
            Column::Text(_) => "TEXT[]",
            Column::Bytes(_) => "BYTEA[]",
            Column::Int(_) => "BIGINT[]",
        }
    }

    /// The column as a PostgreSQL array literal.
    fn pg_literal(&self) -> String {
        let mut out = String::from("{");
        let mut first = true;
        let mut sep = |out: &mut String| {
            if !std::mem::take(&mut first) {
                out.push(',');
            }
        };
        match self {
            Column::Text(v) => {
                for t in v {
                    sep(&mut out);
                    match t {
                        Some(t) => {
                            out.push('"');
                            for c in t.chars() {
                                if c == '"' || c == '\\' {
                                    out.push('\\');
                                }
                                out.push(c);
                            }
                            out.push('"');
                        }
                        None => out.push_str("NULL"),
                    }
                }
            }
            Column::Bytes(v) => {
                for b in v {
                    sep(&mut out);
                    match b {
                        // `\x` escaped inside the array literal: the element reads `\x0a1b`.
                        Some(b) => {
                            out.push_str("\"\\\\x");
                            out.push_str(&hex::encode(b));
                            out.push('"');
                        }
                        None => out.push_str("NULL"),
                    }
                }
            }
            Column::Int(v) => {
                for i in v {
                    sep(&mut out);
                    out.push_str(&i.to_string());
                }
            }
        }
        out.push('}');
        out
    }

    fn json(&self, row: usize) -> serde_json::Value {
        match self {
            Column::Text(v) => v
                .get(row)
                .copied()
                .flatten()
                .map_or(serde_json::Value::Null, |t| t.into()),
            Column::Bytes(v) => v
                .get(row)
                .copied()
                .flatten()
                .map_or(serde_json::Value::Null, |b| hex::encode(b).into()),
            Column::Int(v) => v.get(row).map_or(serde_json::Value::Null, |i| (*i).into()),
        }
    }
}

/// Inserts the rows the columns hold into `table`'s `names`, then `tail` (an `ON CONFLICT`
/// or `RETURNING` clause, or nothing); returns the rows `RETURNING` gives.
pub async fn insert(
    conn: &mut AnyConnection,
    backend: Backend,
    table: &str,
    names: &[&str],
    columns: &[Column<'_>],
    tail: &str,
) -> sqlx::Result<Vec<AnyRow>> {
    let rows = columns.first().map_or(0, Column::len);
    if rows == 0 {
        return Ok(Vec::new());
    }
    let list = names.join(", ");
    match backend {
        Backend::Postgres => {
            let arrays: Vec<String> = columns
                .iter()
                .enumerate()
                .map(|(i, c)| format!("CAST(${} AS {})", i + 1, c.pg_type()))
                .collect();
            let sql = format!(
                "INSERT INTO {table} ({list}) SELECT * FROM unnest({}) {tail}",
                arrays.join(", ")
            );
            let mut q = sqlx::query(&sql);
            for c in columns {
                q = q.bind(c.pg_literal());
            }
            q.fetch_all(&mut *conn).await
        }
        Backend::Sqlite => {
            let values: Vec<String> = columns
                .iter()
                .enumerate()
                .map(|(i, c)| match c {
                    Column::Bytes(_) => format!("unhex(value ->> {i})"),
                    _ => format!("value ->> {i}"),
                })
                .collect();
            let json: Vec<serde_json::Value> = (0..rows)
                .map(|r| serde_json::Value::Array(columns.iter().map(|c| c.json(r)).collect()))
                .collect();
            // `WHERE true`: SQLite would read an `ON CONFLICT` after `FROM json_each(...)` as
            // a join constraint.
            let sql = format!(
                "INSERT INTO {table} ({list}) SELECT {} FROM json_each($1) WHERE true {tail}",
                values.join(", ")
            );
            sqlx::query(&sql)
                .bind(serde_json::Value::Array(json).to_string())
                .fetch_all(&mut *conn)
                .await
        }
    }
}

/// A list of integers in one parameter (`$n`) as a table `q (value)` to join from, as SQL
/// for the backend, and the parameter's value.
pub fn int_list(backend: Backend, n: usize, values: &[i64]) -> (String, String) {
    let list: Vec<String> = values.iter().map(i64::to_string).collect();
    match backend {
        Backend::Postgres => (
            format!("unnest(CAST(${n} AS BIGINT[])) AS q (value)"),
            format!("{{{}}}", list.join(",")),
        ),
        Backend::Sqlite => (
            format!("json_each(${n}) AS q"),
            format!("[{}]", list.join(",")),
        ),
    }
}
