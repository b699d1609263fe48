//! `unused-suppression`: suppression comments that do nothing. The work is done where the
//! suppressions are applied (`document::suppress::apply`), after every other rule has run, since
//! whether a suppression was used depends on their findings; this rule carries the id, the
//! severity and the documentation, and its own check finds nothing.

use super::{Context, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub struct UnusedSuppression;

static UNUSED: RuleMeta = RuleMeta::builtin(
    crate::document::suppress::UNUSED,
    "hygiene",
    Severity::Warning,
    "A suppression comment that suppresses nothing, or names no rule",
    r#"## What it does
In Markdown, findings can be suppressed with HTML comments:

- `<!-- tadqiq-disable RULE,... -->` … `<!-- tadqiq-enable -->`: the rules named (ids, families,
  or none for every rule) are silent between the two comments, or to the end of the file;
- `<!-- tadqiq-disable-next-line RULE -->`: silent on the next line that has text.

Text after `--` inside the comment is a reason for the reader. This rule reports the suppressions
that do nothing: a name whose range holds no finding of that rule, a name that is neither a rule
nor a family, an unknown `tadqiq-` directive, and a `tadqiq-enable` with nothing to end. A rule
turned off for the file (configuration or `--ignore`) does not make its suppressions unused.

## Why it matters
A suppression outlives the problem it hid: once the text is corrected, the comment stays and
silently hides the next real finding at that place. A misspelt rule name suppresses nothing while
the editor believes it does.

## Example
```markdown
<!-- tadqiq-disable-next-line foreign-letter -->
قال الوزير إن الحكومة ستواصل الدعم.
```

## Use instead
```markdown
قال الوزير إن الحكومة ستواصل الدعم.
```

## Options
None. Silence it for a stretch with `<!-- tadqiq-disable unused-suppression -->`.
"#,
);

impl Rule for UnusedSuppression {
    fn meta(&self) -> &RuleMeta {
        &UNUSED
    }

    fn check(&self, _cx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}
}
