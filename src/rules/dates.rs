//! Dates, checked by arithmetic: a weekday that contradicts its date, a date that does not exist,
//! a Hijri date that disagrees with the Gregorian one beside it, and "yesterday"/"today"/
//! "tomorrow" that contradict the article's own date. The dates themselves are read once per
//! document (`document::dates`); the calendars live in `text::dates`.

use super::{Context, OptionKind, OptionSpec, Rule, RuleMeta, quote_span};
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::document::{DateMention, Document, TokenKind};
use crate::source::Span;
use crate::text::dates::{self as cal, Calendar};
use jiff::civil::{Date, Weekday};

pub struct WeekdayDate;
pub struct InvalidDate;
pub struct HijriDate;
pub struct RelativeDate;

static WEEKDAY_DATE: RuleMeta = RuleMeta::builtin(
    "weekday-date",
    "dates",
    Severity::Error,
    "A weekday that contradicts the date it names (الخميس 16 سبتمبر 2015 was a Wednesday)",
    r#"## What it does
Works out the day of the week of every date written with a weekday and reports a weekday that does
not match. A date without a year takes the article's year (from its dateline, front matter or
`--date`), choosing the year that puts the date nearest to the article's, so a December issue's
"2 January" is next year's. A Hijri date is checked against the Umm al-Qura calendar and the
tabular calendar, allowing a day either way for local moon sighting; when a Hijri date is printed
beside a Gregorian one, the weekday is checked against the Gregorian date. Hijri years outside the
Umm al-Qura table (1300–1600 AH) are skipped, not guessed. The fix (unsafe) writes the weekday of
the date; it may be the date that is wrong.

## Why it matters
A wrong weekday is checked by every reader with a calendar and ends up in the next day's
corrections column; it also leaves the reader unsure which of the two to believe.

## Example
```text
وعقد المجلس جلسته الخميس 16 سبتمبر 2015 في العاصمة.
```

## Use instead
```text
وعقد المجلس جلسته الأربعاء 16 سبتمبر 2015 في العاصمة.
```

## Options
None.
"#,
);

static INVALID_DATE: RuleMeta = RuleMeta::builtin(
    "invalid-date",
    "dates",
    Severity::Error,
    "A date that does not exist (31 أبريل, 30 فبراير, 29 فبراير 2015, a 13th month)",
    r#"## What it does
Reports a date that no calendar has: a day past the end of its month (31 أبريل, 30 فبراير),
29 February of a year that is not a leap year, a day 0, a numeric date with a month past 12
(often the month and day written the American way round), and a Hijri day past 30.

## Why it matters
An impossible date is a typing slip that hides the real date: the reader cannot tell which digit
is wrong, and a wire story copied from it carries the error on.

## Example
```text
وتنتهي المهلة في 31 أبريل 2016.
```

## Use instead
```text
وتنتهي المهلة في 30 أبريل 2016.
```

## Options
None.
"#,
);

static HIJRI_DATE: RuleMeta = RuleMeta::builtin(
    "hijri-date",
    "dates",
    Severity::Error,
    "A Hijri date printed beside a Gregorian one that falls on another day",
    r#"## What it does
Converts a Hijri date printed beside a Gregorian one (`25 شوال 1436 هـ الموافق 10 أغسطس 2015 م`,
`الأحد (10/شوال / 1436هـ) الموافق (26/7/2015م)`) with the Umm al-Qura calendar, the official
Saudi calendar, and with the tabular (civil) calendar as a second opinion. One day off either way
is fine: many countries start the month by local moon sighting. Two days off is a warning, more
an error. A Hijri year outside the Umm al-Qura table (1300–1600 AH) is skipped, not guessed.

## Why it matters
The pair is the reader's way of placing the Hijri date; when the two disagree, one was copied from
another day's dateline or typed wrong.

## Example
```text
الرياض 25 شوال 1436 هـ الموافق 20 أغسطس 2015 م
```

## Use instead
```text
الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م
```

## Options
- `tolerance` (integer, default 1): how many days apart the printed pair may be before the rule
  reports it.
"#,
)
.with_options(&[OptionSpec {
    name: "tolerance",
    kind: OptionKind::Integer,
    help: "days the Hijri and Gregorian dates may differ (default 1)",
}]);

static RELATIVE_DATE: RuleMeta = RuleMeta::builtin(
    "relative-date",
    "dates",
    Severity::Warning,
    "أمس / اليوم / غداً with a weekday or date that contradicts the article's date",
    r#"## What it does
When the article's date is known (its dateline, front matter `date`, or `--date`), reads أمس
(yesterday), أول أمس (the day before), اليوم (today), غداً (tomorrow) and بعد غد (the day after)
followed by a weekday, in parentheses or not, or by a date, and reports a weekday or date that is
not that day. When the article's date is not known, the relative days must agree with one
another: "أمس السبت" and "اليوم الأحد" both date the article to a Sunday, and "أمس الجمعة" beside
them is reported. Relative words inside quotations are left alone: the speaker's "yesterday" is
not the paper's.

## Why it matters
"أمس الأربعاء" in a Wednesday issue cannot be right: either the day is wrong or the story was
written for the day before and not updated. Print editions are dated the day after the news, which
is why this is a warning and not an error.

## Example
```text
العدد 4758 - الأربعاء 16 سبتمبر 2015م

أفاد البيت الأبيض أمس الأربعاء 16 أيلول/سبتمبر أنه يرحب بأي دعم روسي.
```

## Use instead
```text
العدد 4758 - الأربعاء 16 سبتمبر 2015م

أفاد البيت الأبيض أمس الثلاثاء 15 أيلول/سبتمبر أنه يرحب بأي دعم روسي.
```

## Options
None.
"#,
);

/// The weekday as CLDR writes it.
fn arabic_weekday(w: Weekday) -> &'static str {
    match w {
        Weekday::Sunday => "الأحد",
        Weekday::Monday => "الاثنين",
        Weekday::Tuesday => "الثلاثاء",
        Weekday::Wednesday => "الأربعاء",
        Weekday::Thursday => "الخميس",
        Weekday::Friday => "الجمعة",
        Weekday::Saturday => "السبت",
    }
}

fn a_weekday(w: Weekday) -> String {
    format!("a {}", cal::weekday_name(w))
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    cal::from_day_number(cal::day_number(d) + n)
}

fn days_between(a: Date, b: Date) -> i64 {
    cal::day_number(a) - cal::day_number(b)
}

/// "16 September 2015".
fn short_gregorian(d: Date) -> String {
    format!(
        "{} {} {}",
        d.day(),
        cal::gregorian_month_name(d.month() as u8),
        d.year()
    )
}

/// The Gregorian day a Hijri date falls on in the Umm al-Qura calendar and in the tabular one.
/// `of` gives nothing when the year is outside the Umm al-Qura table: such dates are skipped.
struct HijriReading {
    umm_al_qura: Date,
    tabular: Option<Date>,
}

impl HijriReading {
    fn of(y: i32, m: u8, d: u8) -> Option<Self> {
        Some(HijriReading {
            umm_al_qura: cal::umm_al_qura_to_gregorian(y, m, d)?,
            tabular: cal::tabular_to_gregorian(y, m, d),
        })
    }

    /// Days between the printed Gregorian date and the nearer of the two readings.
    fn distance(&self, g: Date) -> i64 {
        let uq = days_between(g, self.umm_al_qura).abs();
        self.tabular.map_or(uq, |t| uq.min(days_between(g, t).abs()))
    }

    fn allows_weekday(&self, w: Weekday, slack: i64) -> bool {
        [Some(self.umm_al_qura), self.tabular]
            .into_iter()
            .flatten()
            .any(|base| (-slack..=slack).any(|k| add_days(base, k).is_some_and(|d| d.weekday() == w)))
    }
}

impl Rule for WeekdayDate {
    fn meta(&self) -> &RuleMeta {
        &WEEKDAY_DATE
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let dates = doc.dates();
        let near = doc.meta.date;
        for m in dates {
            let Some((w, w_span)) = m.weekday else { continue };
            let partner = m.partner.map(|p| &dates[p]);
            // The weekday of a pair is checked against its Gregorian date.
            let greg = match (m.calendar, partner) {
                (Calendar::Hijri, Some(p)) if p.calendar == Calendar::Gregorian => p.gregorian(near).or_else(|| {
                    let (y, mo, d, _) = m.hijri(near)?;
                    p.gregorian(cal::umm_al_qura_to_gregorian(y, mo, d))
                }),
                (Calendar::Gregorian, _) => m.gregorian(near),
                _ => None,
            };
            if let Some((date, inferred)) = greg {
                if date.weekday() != w && !sides_with_hijri(m, partner, date, w) {
                    let year_note = if inferred { " (the year is the article's)" } else { "" };
                    let msg = format!(
                        "{}: {} is {}{year_note}, not {}",
                        quote_span(doc, m.span),
                        short_gregorian(date),
                        a_weekday(date.weekday()),
                        a_weekday(w)
                    );
                    out.push(
                        self.diag(m.span, msg)
                            .with_fix(weekday_fix(doc, w_span, date.weekday())),
                    );
                }
                continue;
            }
            if m.calendar == Calendar::Hijri
                && m.partner.is_none()
                && let Some((y, mo, d, inferred)) = m.hijri(near)
                && let Some(reading) = HijriReading::of(y, mo, d)
                && !reading.allows_weekday(w, 1)
            {
                let year_note = if inferred { " (the year is the article's)" } else { "" };
                let msg = format!(
                    "{}: {d} {} {y} is {} in the Umm al-Qura calendar{year_note}, so not {} even allowing a day for moon sighting",
                    quote_span(doc, m.span),
                    cal::hijri_month_name(mo),
                    cal::describe_gregorian(reading.umm_al_qura),
                    a_weekday(w)
                );
                let right = reading.umm_al_qura.weekday();
                out.push(self.diag(m.span, msg).with_fix(weekday_fix(doc, w_span, right)));
            }
        }
    }
}

/// When the two dates of a pair disagree (hijri-date reports that) and the weekday fits the Hijri
/// one, the Gregorian date is the suspect, not the weekday: `الجمعة 16 رمضان 1436هـ الموافق 3 يونيو`
/// (16 Ramadan was Friday 3 July).
fn sides_with_hijri(m: &DateMention, partner: Option<&DateMention>, greg: Date, w: Weekday) -> bool {
    let hijri = if m.calendar == Calendar::Hijri {
        Some(m)
    } else {
        partner
    };
    let Some((y, mo, d, _)) = hijri.and_then(|h| h.hijri(Some(greg))) else {
        return false;
    };
    HijriReading::of(y, mo, d).is_some_and(|r| r.distance(greg) > 1 && r.allows_weekday(w, 1))
}

/// Replaces the weekday word, keeping a و/ف conjunction glued to it.
fn weekday_fix(doc: &Document<'_>, span: Span, right: Weekday) -> Fix {
    let written = doc.slice(span);
    let prefix = ["و", "ف"]
        .into_iter()
        .find(|p| written.starts_with(p) && !written.starts_with("ال"))
        .unwrap_or("");
    Fix::unsafe_(span, format!("{prefix}{}", arabic_weekday(right)))
}

impl Rule for InvalidDate {
    fn meta(&self) -> &RuleMeta {
        &INVALID_DATE
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        for m in doc.dates() {
            let text = quote_span(doc, m.date_span);
            let problem = if !(1..=12).contains(&m.month) {
                let swapped = if m.numeric && (1..=12).contains(&m.day) && m.month <= 31 {
                    " (the day and month look swapped)"
                } else {
                    ""
                };
                Some(format!("{text}: there is no month {}{swapped}", m.month))
            } else if m.day == 0 {
                Some(format!("{text}: there is no day 0"))
            } else {
                match m.calendar {
                    Calendar::Hijri if m.day > 30 => {
                        Some(format!("{text}: a Hijri month has 29 or 30 days, not {}", m.day))
                    }
                    Calendar::Hijri => None,
                    Calendar::Gregorian => {
                        let month = m.month as u8;
                        let max = cal::gregorian_month_days(m.year, month).unwrap_or(31);
                        if m.day <= u32::from(max) {
                            None
                        } else if month == 2 && m.day == 29 {
                            let y = m.year.unwrap_or_default();
                            Some(format!("{text}: {y} is not a leap year, so February has 28 days"))
                        } else {
                            Some(format!("{text}: {} has {max} days", cal::gregorian_month_name(month)))
                        }
                    }
                }
            };
            if let Some(msg) = problem {
                out.push(self.diag(m.date_span, msg));
            }
        }
    }
}

impl Rule for HijriDate {
    fn meta(&self) -> &RuleMeta {
        &HIJRI_DATE
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let dates = doc.dates();
        let tolerance = cx.int_option(&self.meta().id, "tolerance", 1).max(0);
        for h in dates {
            let Some(p) = h.partner else { continue };
            let g = &dates[p];
            if h.calendar != Calendar::Hijri || g.calendar != Calendar::Gregorian {
                continue;
            }
            // At least one of the two must carry its year (or the article must have a date).
            let near = doc.meta.date.or_else(|| {
                let (y, mo, d, _) = h.hijri(None)?;
                cal::umm_al_qura_to_gregorian(y, mo, d)
            });
            let Some((gdate, _)) = g.gregorian(near) else { continue };
            let Some((y, mo, d, _)) = h.hijri(Some(gdate)) else {
                continue;
            };
            let Some(reading) = HijriReading::of(y, mo, d) else {
                continue;
            };
            let off = reading.distance(gdate);
            if off <= tolerance {
                continue;
            }
            let severity = if off == 2 && tolerance < 2 {
                Severity::Warning
            } else {
                self.meta().severity
            };
            let tabular = match reading.tabular {
                Some(t) if t != reading.umm_al_qura => format!(" ({} in the tabular calendar)", short_gregorian(t)),
                _ => String::new(),
            };
            let msg = format!(
                "{} is {} in the Umm al-Qura calendar{tabular}, {off} days from the Gregorian date beside it, {}",
                quote_span(doc, h.date_span),
                short_gregorian(reading.umm_al_qura),
                quote_span(doc, g.date_span),
            );
            let mut diag = self
                .diag(h.date_span, msg)
                .with_related(g.date_span, "the Gregorian date printed beside it");
            diag.severity = severity;
            out.push(diag);
        }
    }
}

/// A relative day word and its offset from the article's date.
struct Relative {
    offset: i64,
    /// The token after the word(s).
    next: usize,
    name: &'static str,
}

/// The folded words a relative day starts with (after و/ف): the first words of
/// [`relative_at`]'s cases, for the lexicon (a test checks it marks every day `relative_at` reads).
pub(crate) const RELATIVE_DAY_STARTS: &[&str] = &["امس", "بالامس", "الامس", "اول", "اليوم", "غدا", "بعد"];

/// أمس, بالأمس, وأمس, أول أمس, أول من أمس, اليوم, غداً, بعد غد, starting at token `i`.
fn relative_at(doc: &Document<'_>, i: usize, end: usize) -> Option<Relative> {
    let f = |k: usize| -> &str {
        if k < end && doc.tokens[k].kind == TokenKind::Arabic {
            doc.folded(&doc.tokens[k])
        } else {
            ""
        }
    };
    let w = f(i);
    let bare = crate::text::clitics::strip_conjunction(w).unwrap_or(w);
    let rel = |offset, next, name| Some(Relative { offset, next, name });
    match bare {
        "امس" | "بالامس" | "الامس" => rel(-1, i + 1, "yesterday"),
        "اول" if f(i + 1) == "امس" => rel(-2, i + 2, "the day before yesterday"),
        "اول" if f(i + 1) == "من" && f(i + 2) == "امس" => rel(-2, i + 3, "the day before yesterday"),
        "اليوم" => rel(0, i + 1, "today"),
        "غدا" => rel(1, i + 1, "tomorrow"),
        "بعد" if f(i + 1) == "غد" => rel(2, i + 2, "the day after tomorrow"),
        _ => None,
    }
}

/// A relative day word with the weekday or date written after it.
struct RelativeUse<'m> {
    rel: Relative,
    /// From the word to the end of the weekday or date (closing parenthesis included).
    span: Span,
    weekday: Option<Weekday>,
    mention: Option<&'m DateMention>,
}

/// Every relative day word followed by a weekday or a date, outside quotations and the dateline.
fn relative_uses<'m>(doc: &'m Document<'_>) -> Vec<RelativeUse<'m>> {
    let dateline = doc.meta.dateline;
    let dates = doc.dates();
    let words = super::lexicon::classes(doc);
    let mut out = Vec::new();
    for sent in &doc.sentences {
        if dateline.is_some_and(|d| d.start <= sent.span.start && sent.span.end <= d.end) {
            continue;
        }
        let end = sent.tokens.end;
        let mut i = sent.tokens.start;
        while i < end {
            let rel = words
                .has(i, super::lexicon::RELATIVE_DAY)
                .then(|| relative_at(doc, i, end));
            let Some(rel) = rel.flatten() else {
                i += 1;
                continue;
            };
            let start = doc.tokens[i].span.start;
            i = rel.next;
            let mut k = rel.next;
            let paren = k < end && doc.surface(&doc.tokens[k]) == "(";
            if paren {
                k += 1;
            }
            let at_k = dates.partition_point(|m| m.tokens.start < k);
            let (last, weekday, mention) = match dates.get(at_k).filter(|m| m.tokens.start == k) {
                Some(m) => (m.tokens.end, m.weekday.map(|w| w.0), Some(m)),
                None => {
                    let w = (k < end && doc.tokens[k].kind == TokenKind::Arabic)
                        .then(|| cal::weekday(doc.folded(&doc.tokens[k])))
                        .flatten();
                    match w {
                        Some(w) => (k + 1, Some(w), None),
                        None => continue,
                    }
                }
            };
            i = last;
            let mut span_end = doc.tokens[last - 1].span.end;
            if paren && last < end && doc.surface(&doc.tokens[last]) == ")" {
                span_end = doc.tokens[last].span.end;
                i = last + 1;
            }
            if doc.quotes.inside(start) || reported_after(doc, sent.tokens.clone(), &out, start) {
                continue;
            }
            out.push(RelativeUse {
                rel,
                span: Span { start, end: span_end },
                weekday,
                mention,
            });
        }
    }
    out
}

/// Whether a relative word at `start` sits in speech reported after an earlier relative day of
/// its sentence: in "قال أمس الأحد إن الهيئة أعلنت منذ أمس السبت" the second أمس is the speaker's,
/// a day before the Sunday he spoke on.
fn reported_after(
    doc: &Document<'_>,
    sentence: std::ops::Range<usize>,
    earlier: &[RelativeUse<'_>],
    start: u32,
) -> bool {
    let Some(first) = doc.tokens.get(sentence.start) else {
        return false;
    };
    let Some(prev) = earlier.last().filter(|u| u.span.start >= first.span.start) else {
        return false;
    };
    doc.tokens[sentence]
        .iter()
        .skip_while(|t| t.span.start < prev.span.end)
        .take_while(|t| t.span.end <= start)
        .any(|t| match t.kind {
            TokenKind::Arabic => matches!(doc.folded(t), "ان" | "بان" | "انه" | "انها" | "بانه" | "بانها"),
            TokenKind::Punct => matches!(doc.surface(t), ":" | "«" | "\"" | "“"),
            _ => false,
        })
}

impl Rule for RelativeDate {
    fn meta(&self) -> &RuleMeta {
        &RELATIVE_DATE
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let uses = relative_uses(doc);
        let Some(article) = doc.meta.date else {
            self.check_among_themselves(doc, &uses, out);
            return;
        };
        for u in &uses {
            let Some(expected) = add_days(article, u.rel.offset) else {
                continue;
            };
            let wrong_date = u
                .mention
                .and_then(|m| m.gregorian(Some(expected)))
                .is_some_and(|(d, _)| d != expected);
            let wrong_weekday = u.weekday.filter(|&w| w != expected.weekday());
            if !wrong_date && wrong_weekday.is_none() {
                continue;
            }
            let weekday_note = wrong_weekday
                .map(|w| format!(", not {}", a_weekday(w)))
                .unwrap_or_default();
            let msg = format!(
                "{} says {}, but the article is dated {}: {} was {}{weekday_note}",
                quote_span(doc, u.span),
                u.rel.name,
                cal::describe_gregorian(article),
                u.rel.name,
                cal::describe_gregorian(expected),
            );
            let mut diag = self.diag(u.span, msg);
            if let Some(d) = doc.meta.dateline {
                diag = diag.with_related(d, "the article's date");
            }
            out.push(diag);
        }
    }
}

impl RelativeDate {
    /// Without the article's date, the relative days must agree with one another: "أمس السبت"
    /// and "اليوم الأحد" both make the article's day a Sunday; "أمس الجمعة" beside them does not.
    /// The day most of them imply wins; the others are reported.
    fn check_among_themselves(&self, doc: &Document<'_>, uses: &[RelativeUse<'_>], out: &mut Vec<Diagnostic>) {
        let implied: Vec<Option<Weekday>> = uses
            .iter()
            .map(|u| {
                let w = u.weekday.or_else(|| {
                    u.mention
                        .filter(|m| m.year.is_some())
                        .and_then(|m| m.gregorian(None))
                        .map(|(d, _)| d.weekday())
                })?;
                Some(w.wrapping_sub(u.rel.offset))
            })
            .collect();
        let mut counts: Vec<(Weekday, usize, usize)> = Vec::new();
        for (i, w) in implied.iter().enumerate() {
            let Some(w) = *w else { continue };
            match counts.iter_mut().find(|c| c.0 == w) {
                Some(c) => c.1 += 1,
                None => counts.push((w, 1, i)),
            }
        }
        if counts.len() < 2 {
            return;
        }
        // Most uses first; among equals, the earliest.
        counts.sort_by_key(|&(_, n, first)| (std::cmp::Reverse(n), first));
        let (day, _, first) = counts[0];
        let reference = &uses[first];
        for (u, w) in uses.iter().zip(&implied) {
            let Some(w) = *w else { continue };
            if w == day {
                continue;
            }
            let msg = format!(
                "{} makes the article's day {}, but {} makes it {}",
                quote_span(doc, u.span),
                a_weekday(w),
                quote_span(doc, reference.span),
                a_weekday(day),
            );
            out.push(self.diag(u.span, msg).with_related(
                reference.span,
                format!("this makes the article's day {}", a_weekday(day)),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{RuleOptions, Selection, Settings};
    use crate::document::Document;
    use crate::rules::Registry;
    use crate::rules::packs::CompiledPacks;
    use crate::source::SourceFile;

    #[test]
    fn the_lexicon_marks_every_relative_day() {
        let n = crate::rules::lexicon::assert_covers(crate::rules::lexicon::RELATIVE_DAY, |doc, i| {
            let end = doc
                .sentences
                .iter()
                .find(|s| s.tokens.contains(&i))
                .map_or(i, |s| s.tokens.end);
            relative_at(doc, i, end).is_some()
        });
        assert!(n > 10, "{n}");
    }

    fn run(rule: &dyn Rule, text: &str, date: Option<Date>) -> Vec<(String, String, Severity)> {
        let src = SourceFile::new("t.txt", text.to_string());
        let mut doc = Document::plain(&src);
        if doc.meta.date.is_none() {
            doc.meta.date = date;
        }
        let registry = Registry::builtin();
        let settings = Settings::resolve(&registry, &Selection::default());
        let options: &RuleOptions = &settings.options;
        let packs = CompiledPacks::new(None, Vec::new());
        let cx = Context {
            doc: &doc,
            options,
            packs: &packs,
            preferred: None,
        };
        let mut out = Vec::new();
        rule.check(&cx, &mut out);
        out.into_iter()
            .map(|d| (src.slice(d.span).to_string(), d.message, d.severity))
            .collect()
    }

    fn spans(rule: &dyn Rule, text: &str, date: Option<Date>) -> Vec<String> {
        run(rule, text, date).into_iter().map(|f| f.0).collect()
    }

    const FOUNDING: &str = include_str!("../../fixtures/alwasat-4758.txt");

    #[test]
    fn founding_example_dates() {
        assert!(spans(&WeekdayDate, FOUNDING, None).is_empty());
        assert!(spans(&InvalidDate, FOUNDING, None).is_empty());
        assert!(spans(&HijriDate, FOUNDING, None).is_empty());
        let rel = run(&RelativeDate, FOUNDING, None);
        assert_eq!(rel.len(), 1, "{rel:?}");
        assert_eq!(rel[0].0, "أمس الأربعاء 16 أيلول/سبتمبر");
        assert_eq!(rel[0].2, Severity::Warning);
        assert!(rel[0].1.contains("Tuesday 15 September 2015"), "{}", rel[0].1);
    }

    #[test]
    fn weekday_against_gregorian_dates() {
        let wd = |t: &str| spans(&WeekdayDate, t, None);
        assert_eq!(wd("جلسة الخميس 16 سبتمبر 2015 المقبلة"), ["الخميس 16 سبتمبر 2015"]);
        assert!(wd("جلسة الأربعاء 16 سبتمبر 2015 المقبلة").is_empty());
        assert!(wd("جلسة الاربعاء ١٦ أيلول/سبتمبر ٢٠١٥").is_empty());
        assert!(wd("الثلثاء 15 أيلول 2015").is_empty());
        assert!(wd("الإثنين 14 سبتمبر 2015م").is_empty());
        assert_eq!(wd("الاثنين، 16/9/2015"), ["الاثنين، 16/9/2015"]);
        assert!(wd("الأربعاء الموافق 16/9/2015").is_empty());
        // Leap day: 29 February 2016 was a Monday.
        assert!(wd("الإثنين 29 فبراير 2016").is_empty());
        assert_eq!(wd("الأحد 29 فبراير 2016"), ["الأحد 29 فبراير 2016"]);
        // Every month system.
        for ok in [
            "الجمعة 1 جانفي 2016",
            "الجمعة 1 كانون الثاني 2016",
            "الجمعة 1 يناير 2016",
            "الأحد 7 فيفري 2016",
            "الأحد 7 شباط 2016",
            "الخميس 7 أفريل 2016",
            "الخميس 7 نيسان 2016",
            "الأحد 1 ماي 2016",
            "الأحد 1 أيار 2016",
            "الأربعاء 1 جوان 2016",
            "الأربعاء 1 حزيران 2016",
            "الجمعة 1 جويلية 2016",
            "الجمعة 1 يوليوز 2016",
            "الجمعة 1 تموز 2016",
            "الاثنين 1 أوت 2016",
            "الاثنين 1 غشت 2016",
            "الاثنين 1 أغشت 2016",
            "الاثنين 1 آب 2016",
            "الخميس 1 شتنبر 2016",
            "الخميس 1 شتمبر 2016",
            "السبت 1 تشرين الأول 2016",
            "الثلاثاء 1 نونبر 2016",
            "الثلاثاء 1 تشرين الثاني 2016",
            "الخميس 1 دجنبر 2016",
            "الخميس 1 دجمبر 2016",
            "الخميس 1 كانون الأول 2016",
        ] {
            assert!(wd(ok).is_empty(), "{ok}");
            // Twenty days later falls on another weekday.
            let wrong = ok.replacen(' ', " 2", 1);
            assert_eq!(wd(&wrong).len(), 1, "{wrong}");
        }
    }

    #[test]
    fn weekday_fix_keeps_the_conjunction() {
        let src = SourceFile::new("t.txt", "والخميس 16 سبتمبر 2015".to_string());
        let doc = Document::plain(&src);
        let fix = weekday_fix(&doc, doc.tokens[0].span, Weekday::Wednesday);
        assert_eq!(fix.replacement, "والأربعاء");
        assert!(!fix.safe);
    }

    #[test]
    fn yearless_dates_take_the_article_year_across_new_year() {
        let dec = Some(Date::constant(2015, 12, 30));
        // 2 January 2016 was a Saturday; 2 January 2015 a Friday.
        assert!(spans(&WeekdayDate, "تبدأ السبت 2 يناير", dec).is_empty());
        assert_eq!(spans(&WeekdayDate, "تبدأ الجمعة 2 يناير", dec), ["الجمعة 2 يناير"]);
        let jan = Some(Date::constant(2016, 1, 2));
        // 30 December 2015 was a Wednesday.
        assert!(spans(&WeekdayDate, "جرت الأربعاء 30 ديسمبر", jan).is_empty());
        // No article date: a date without a year is not checked.
        assert!(spans(&WeekdayDate, "تبدأ الجمعة 2 يناير", None).is_empty());
        let msg = &run(&WeekdayDate, "تبدأ الجمعة 2 يناير", dec)[0].1;
        assert!(msg.contains("the year is the article's"), "{msg}");
    }

    #[test]
    fn weekday_against_hijri_dates() {
        let wd = |t: &str| spans(&WeekdayDate, t, None);
        // 26 Jumada I 1436 (UQ) = 17 March 2015, a Tuesday.
        assert!(wd("الثلاثاء 26/5/1436").is_empty());
        // One day either way is moon sighting.
        assert!(wd("الأربعاء 26/5/1436").is_empty());
        assert!(wd("الإثنين 26/5/1436").is_empty());
        assert_eq!(wd("الجمعة 26/5/1436"), ["الجمعة 26/5/1436"]);
        assert_eq!(wd("الجمعة 26 جمادى الأولى 1436هـ"), ["الجمعة 26 جمادى الأولى 1436هـ"]);
        // Outside the Umm al-Qura table: skipped, not guessed.
        assert!(wd("الجمعة 26 جمادى الأولى 1290هـ").is_empty());
        assert!(wd("الجمعة 26 جمادى الأولى 1650هـ").is_empty());
        // A weekday before a pair is checked against the Gregorian date.
        assert!(wd("الأحد (10/شوال / 1436هـ) الموافق (26/7/2015م)").is_empty());
        assert_eq!(
            wd("الاثنين (10/شوال / 1436هـ) الموافق (26/7/2015م)"),
            ["الاثنين (10/شوال / 1436هـ"]
        );
        // The pair disagrees and the weekday fits the Hijri date: the Gregorian month is wrong
        // (16 Ramadan 1436 was Friday 3 July), which hijri-date reports; the weekday is right.
        assert!(wd("اعتمدت الجمعة 16 رمضان 1436هـ الموافق 3 يونيو 2015م").is_empty());
        assert_eq!(
            wd("اعتمدت الأحد 16 رمضان 1436هـ الموافق 3 يونيو 2015م"),
            ["الأحد 16 رمضان 1436هـ"]
        );
        // A pair that agrees leaves no slack: 16 September 2015 was a Wednesday.
        assert_eq!(
            wd("الخميس 16 سبتمبر 2015م الموافق 02 ذي الحجة 1436هـ"),
            ["الخميس 16 سبتمبر 2015م"]
        );
    }

    #[test]
    fn invalid_dates() {
        let inv = |t: &str| spans(&InvalidDate, t, None);
        assert_eq!(inv("في 31 أبريل 2016"), ["31 أبريل 2016"]);
        assert_eq!(inv("في 31 أبريل"), ["31 أبريل"]);
        assert_eq!(inv("في 30 فبراير"), ["30 فبراير"]);
        assert_eq!(inv("في 30 شباط"), ["30 شباط"]);
        assert_eq!(inv("في 29 فيفري 2015"), ["29 فيفري 2015"]);
        assert!(inv("في 29 فيفري 2016").is_empty());
        assert!(inv("في 29 فبراير 2000").is_empty());
        assert_eq!(inv("في 29 فبراير 1900"), ["29 فبراير 1900"]);
        assert!(inv("في 29 فبراير").is_empty());
        assert_eq!(inv("في 31 نونبر 2016"), ["31 نونبر 2016"]);
        assert_eq!(inv("في 31 حزيران 2016"), ["31 حزيران 2016"]);
        assert_eq!(inv("في ٣١ سبتمبر ٢٠١٥"), ["٣١ سبتمبر ٢٠١٥"]);
        assert!(inv("في 31 ديسمبر 2015 و30 نوفمبر 2015").is_empty());
        assert_eq!(inv("بتاريخ 9/16/2015"), ["9/16/2015"]);
        assert!(run(&InvalidDate, "بتاريخ 9/16/2015", None)[0].1.contains("swapped"));
        assert_eq!(inv("بتاريخ 12/13/2015"), ["12/13/2015"]);
        assert_eq!(inv("في 0 مارس 2015"), ["0 مارس 2015"]);
        assert_eq!(inv("في 31 رمضان 1436"), ["31 رمضان 1436"]);
        assert!(inv("في 30 رمضان 1436").is_empty());
        assert_eq!(inv("في 1436/13/05 هـ"), ["1436/13/05 هـ"]);
    }

    #[test]
    fn hijri_pairs() {
        let h = |t: &str| run(&HijriDate, t, None);
        assert!(h("الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس").is_empty());
        // One day off (moon sighting) is fine.
        assert!(h("الرياض 25 شوال 1436 هـ الموافق 11 اغسطس 2015 م واس").is_empty());
        assert!(h("الرياض 25 شوال 1436 هـ الموافق 09 اغسطس 2015 م واس").is_empty());
        // The tabular calendar puts 25 Shawwal on the 11th: the 12th is a day from it.
        assert!(h("الرياض 25 شوال 1436 هـ الموافق 12 اغسطس 2015 م واس").is_empty());
        let two = h("الرياض 25 شوال 1436 هـ الموافق 13 اغسطس 2015 م واس");
        assert_eq!(two.len(), 1);
        assert_eq!(two[0].0, "25 شوال 1436 هـ");
        assert_eq!(two[0].2, Severity::Warning);
        let ten = h("الرياض 25 شوال 1436 هـ الموافق 20 اغسطس 2015 م واس");
        assert_eq!(ten[0].2, Severity::Error);
        assert!(ten[0].1.contains("10 August 2015"), "{}", ten[0].1);
        // Gregorian first, numeric forms, Arabic-Indic digits.
        assert!(h("الأربعاء 16 سبتمبر 2015م الموافق 02 ذي الحجة 1436هـ").is_empty());
        assert_eq!(h("الأربعاء 16 سبتمبر 2015م الموافق 12 ذي الحجة 1436هـ").len(), 1);
        assert!(h("الأحد (10/شوال / 1436هـ) الموافق (26/7/2015م)").is_empty());
        assert_eq!(h("الأحد (10/شوال / 1436هـ) الموافق (26/8/2015م)").len(), 1);
        assert!(h("٢٥ شوال ١٤٣٦ هـ الموافق ١٠ أغسطس ٢٠١٥ م").is_empty());
        // ARABIC.md: Al Jazeera's 7/3/1429 beside 13/3/2008 is two days off both calendars.
        let aj = h("7/3/1429 هـ الموافق 13/3/2008 م");
        assert_eq!(aj.len(), 1);
        assert_eq!(aj[0].2, Severity::Warning);
        // ARABIC.md: El-Fejr's 13 Rabi' I 1437 beside 25 Dec 2015 is one day off: fine.
        assert!(h("13 ربيع الأول 1437 هـ الموافق 25 ديسمبر 2015").is_empty());
        // The edges of the Umm al-Qura table: inside is checked, outside skipped.
        assert!(h("1 محرم 1300 هـ الموافق 12 نوفمبر 1882").is_empty());
        assert_eq!(h("1 محرم 1300 هـ الموافق 22 نوفمبر 1882").len(), 1);
        assert!(h("1 محرم 1299 هـ الموافق 22 نوفمبر 1882").is_empty());
        assert!(h("1 محرم 1601 هـ الموافق 1 يناير 2175").is_empty());
        // A year only on one side: the other takes the nearest.
        assert!(h("25 شوال الموافق 10 أغسطس 2015").is_empty());
        assert_eq!(h("25 شوال الموافق 20 أغسطس 2015").len(), 1);
    }

    #[test]
    fn relative_days() {
        let wed = Some(Date::constant(2015, 9, 16));
        let rel = |t: &str| spans(&RelativeDate, t, wed);
        assert!(rel("وقال أمس الثلاثاء إن").is_empty());
        assert_eq!(rel("وقال أمس الأربعاء إن"), ["أمس الأربعاء"]);
        assert_eq!(rel("وقال بالأمس (الأربعاء) إن"), ["بالأمس (الأربعاء)"]);
        assert!(rel("وقال أمس (الثلاثاء) إن").is_empty());
        assert!(rel("ويزور اليوم (الأربعاء) المدينة").is_empty());
        assert_eq!(rel("ويزور اليوم الخميس المدينة"), ["اليوم الخميس"]);
        assert!(rel("ويصل غداً الخميس").is_empty());
        assert_eq!(rel("ويصل غدا الجمعة 18 سبتمبر"), ["غدا الجمعة 18 سبتمبر"]);
        assert!(rel("ويصل بعد غد الجمعة").is_empty());
        assert!(rel("وجرى أول من أمس الاثنين").is_empty());
        assert_eq!(rel("وجرى أول أمس الأحد"), ["أول أمس الأحد"]);
        assert_eq!(rel("وقال أمس 16 سبتمبر إن"), ["أمس 16 سبتمبر"]);
        assert!(rel("وقال أمس 15 سبتمبر إن").is_empty());
        // Quoted speech keeps the speaker's days; "اليوم" as a noun is not "today".
        assert!(rel("وقال: «زرناهم أمس الأربعاء»").is_empty());
        assert!(rel("في اليوم العالمي للشباب").is_empty());
        // Speech reported after an earlier relative day counts from the speaker's day.
        assert!(rel("وقال أمس الثلاثاء إن الهيئة أعلنت منذ أمس الاثنين حالة التأهب").is_empty());
        assert_eq!(rel("اجتمع أمس الثلاثاء ويجتمع غدا الجمعة"), ["غدا الجمعة"]);
        // Without an article date a lone relative day is not checked…
        assert!(spans(&RelativeDate, "وقال أمس الأربعاء إن", None).is_empty());
        // …but the relative days must agree with one another.
        let none = |t: &str| spans(&RelativeDate, t, None);
        assert!(none("غادر أمس السبت. ويتقبل العزاء اعتباراً من اليوم الأحد.").is_empty());
        assert!(none("غادر أول أمس الجمعة. ويصل غداً الاثنين.").is_empty());
        assert_eq!(
            none("غادر أمس الجمعة. ويتقبل العزاء من اليوم الأحد، ويصل غدا الاثنين."),
            ["أمس الجمعة"]
        );
    }
}
