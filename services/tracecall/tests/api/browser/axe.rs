//! Accessibility checked by a real tool: axe-core (vendored in `vendor/`, never fetched)
//! runs in the page the browser shows and the test fails on any serious or critical
//! violation, naming the rule, the elements and axe's help link. The WCAG 2.1 A and AA rules
//! and axe's best practices are run.

use fantoccini::Client;
use serde_json::{json, Value};

const AXE: &str = include_str!("vendor/axe.min.js");

/// Runs axe-core on the page `c` shows; panics listing the serious or critical violations.
pub async fn no_serious_violations(c: &Client, page: &str) {
    // The pages' CSP allows no inline script; WebDriver's own scripts are not inline scripts
    // of the page, so axe is defined through one and run through another.
    c.execute(&format!("{AXE}\n;return typeof axe;"), vec![])
        .await
        .unwrap_or_else(|e| panic!("{page}: loading axe-core: {e}"));
    let found = c
        .execute_async(
            r#"
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
              .then((r) => done(r.violations
                .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                .map((v) => ({ id: v.id, impact: v.impact, help: v.help, url: v.helpUrl,
                               nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ': ' + n.failureSummary) }))))
              .catch((e) => done([{ id: 'axe-error', help: String(e) }]));
            "#,
            vec![],
        )
        .await
        .unwrap_or_else(|e| panic!("{page}: running axe-core: {e}"));
    let violations = found.as_array().cloned().unwrap_or_default();
    assert_eq!(
        violations,
        Vec::<Value>::new(),
        "{page}: axe-core reports serious or critical violations:\n{}",
        serde_json::to_string_pretty(&json!(violations)).unwrap_or_default()
    );
}
