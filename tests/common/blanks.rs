//! The blanks of a report written by `vitrina new-month`, found and filled the way a press officer
//! would: a key with nothing after its colon and no keys under it.

#![allow(dead_code)]

/// One value left blank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blank {
    /// 1-based line and column of the key.
    pub line: usize,
    pub column: usize,
    pub key: String,
    /// Marked «необязательно»: `check` does not ask for it.
    pub optional: bool,
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// The code of a line without its comment (` # …`).
fn code(line: &str) -> &str {
    match line.find(" #") {
        Some(at) if !line.trim_start().starts_with('#') => &line[..at],
        _ => line,
    }
}

/// Every blank value of `text`, in order.
pub fn blanks(text: &str) -> Vec<Blank> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.trim_start().starts_with('#') {
            continue;
        }
        let code = code(line).trim_end();
        let Some(key) = code.strip_suffix(':') else {
            continue;
        };
        let has_children = lines[i + 1..]
            .iter()
            .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .is_some_and(|next| indent(next) > indent(line));
        if has_children {
            continue;
        }
        let key = key.trim_start().trim_start_matches("- ");
        out.push(Blank {
            line: i + 1,
            column: indent(line) + 1,
            key: key.to_string(),
            optional: key == "summary" || line.contains("необязательно"),
        });
    }
    out
}

/// Fills every blank but `summary` with a number that passes `check --strict`: parts below their
/// totals, themes adding up to less than the month's total.
pub fn fill(text: &str, published: &str) -> String {
    let found = blanks(text);
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        match found.iter().find(|b| b.line == i + 1 && b.key != "summary") {
            Some(b) => {
                let value = match b.key.as_str() {
                    "published" => published,
                    "total" => "100",
                    "informing" | "received" | "satisfied" => "10",
                    "responses" => "20",
                    "satisfaction" => "4.5",
                    _ => "1",
                };
                let key = code(line).trim_end();
                out.push_str(&format!("{key} {value}{}", &line[key.len()..]));
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}
