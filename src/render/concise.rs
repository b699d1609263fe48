//! One line a finding: `path:line:column: severity[rule] message`.

use super::Resolved;
use super::text::visible;

pub fn render(findings: &[Resolved]) -> String {
    let mut out = String::new();
    for f in findings {
        out.push_str(&format!(
            "{}:{}:{}: {}[{}] {}\n",
            f.path,
            f.line,
            f.column,
            f.severity,
            f.rule,
            visible(&f.message)
        ));
    }
    out
}
