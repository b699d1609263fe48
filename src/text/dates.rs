//! Calendar facts for the date rules: month and weekday names in every system Arabic news uses
//! (ARABIC.md §2.3, CLDR), Gregorian arithmetic (jiff), and the Hijri calendars: Umm al-Qura
//! (the official Saudi calendar, from the KACST table that `icu_calendar` carries) and the tabular
//! "civil" calendar as a second opinion.
//!
//! Names are looked up by their folded form (`text::fold`), so hamza seats, ى/ي, ة/ه, tatweel and
//! diacritics do not matter: اغسطس, أغسطس and أغُسطس are one name.

use super::fold::fold;
use super::wordset::{WordMap, WordSet};
use foldhash::HashMap;
use jiff::civil::{Date, Weekday};
use std::sync::LazyLock;

/// The naming system a month name belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MonthSystem {
    /// Egypt, the Gulf, CLDR `ar`: يناير فبراير … (shared by Algeria/Tunisia and Mauritania for
    /// some months).
    Egyptian,
    /// Levant and Iraq: كانون الثاني شباط آذار …
    Levantine,
    /// Algeria and Tunisia: جانفي فيفري أفريل ماي جوان جويلية أوت.
    Maghrebi,
    /// Morocco: يوليوز غشت شتنبر نونبر دجنبر.
    Moroccan,
    /// Mauritania: أغشت شتمبر دجمبر.
    Mauritanian,
    /// The Hijri months.
    Hijri,
}

impl MonthSystem {
    pub fn calendar(self) -> Calendar {
        if self == MonthSystem::Hijri {
            Calendar::Hijri
        } else {
            Calendar::Gregorian
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Calendar {
    Gregorian,
    Hijri,
}

/// A month name: its number (1–12) and system.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthName {
    pub number: u8,
    pub system: MonthSystem,
}

/// One-word month names, with the spellings met in the wild (hamza-less اغسطس, إبريل, يونيه …).
const ONE_WORD: &[(&str, u8, MonthSystem)] = {
    use MonthSystem::*;
    &[
        ("يناير", 1, Egyptian),
        ("فبراير", 2, Egyptian),
        ("مارس", 3, Egyptian),
        ("أبريل", 4, Egyptian),
        ("إبريل", 4, Egyptian),
        ("مايو", 5, Egyptian),
        ("يونيو", 6, Egyptian),
        ("يونيه", 6, Egyptian),
        ("يوليو", 7, Egyptian),
        ("يوليه", 7, Egyptian),
        ("أغسطس", 8, Egyptian),
        ("أغسطوس", 8, Egyptian),
        ("سبتمبر", 9, Egyptian),
        ("سبتمر", 9, Egyptian),
        ("أكتوبر", 10, Egyptian),
        ("اكتوبر", 10, Egyptian),
        ("نوفمبر", 11, Egyptian),
        ("نوفمير", 11, Egyptian),
        ("ديسمبر", 12, Egyptian),
        ("شباط", 2, Levantine),
        ("آذار", 3, Levantine),
        ("نيسان", 4, Levantine),
        ("أيار", 5, Levantine),
        ("حزيران", 6, Levantine),
        ("تموز", 7, Levantine),
        ("آب", 8, Levantine),
        ("أيلول", 9, Levantine),
        ("جانفي", 1, Maghrebi),
        ("جانفييه", 1, Maghrebi),
        ("فيفري", 2, Maghrebi),
        ("أفريل", 4, Maghrebi),
        ("ماي", 5, Maghrebi),
        ("جوان", 6, Maghrebi),
        ("جويلية", 7, Maghrebi),
        ("أوت", 8, Maghrebi),
        ("يوليوز", 7, Moroccan),
        ("غشت", 8, Moroccan),
        ("شتنبر", 9, Moroccan),
        ("نونبر", 11, Moroccan),
        ("دجنبر", 12, Moroccan),
        ("أغشت", 8, Mauritanian),
        ("شتمبر", 9, Mauritanian),
        ("دجمبر", 12, Mauritanian),
        ("محرم", 1, Hijri),
        ("المحرم", 1, Hijri),
        ("صفر", 2, Hijri),
        ("رجب", 7, Hijri),
        ("شعبان", 8, Hijri),
        ("رمضان", 9, Hijri),
        ("شوال", 10, Hijri),
    ]
};

/// Two-word month names (the first word, then the second).
const TWO_WORD: &[(&str, &str, u8, MonthSystem)] = {
    use MonthSystem::*;
    &[
        ("كانون", "الثاني", 1, Levantine),
        ("كانون", "ثاني", 1, Levantine),
        ("تشرين", "الأول", 10, Levantine),
        ("تشرين", "أول", 10, Levantine),
        ("تشرين", "الثاني", 11, Levantine),
        ("تشرين", "ثاني", 11, Levantine),
        ("كانون", "الأول", 12, Levantine),
        ("كانون", "أول", 12, Levantine),
        ("ربيع", "الأول", 3, Hijri),
        ("ربيع", "أول", 3, Hijri),
        ("ربيع", "الآخر", 4, Hijri),
        ("ربيع", "الثاني", 4, Hijri),
        ("ربيع", "ثاني", 4, Hijri),
        ("جمادى", "الأولى", 5, Hijri),
        ("جمادى", "الأول", 5, Hijri),
        ("جمادى", "أولى", 5, Hijri),
        ("جمادى", "الآخرة", 6, Hijri),
        ("جمادى", "الآخر", 6, Hijri),
        ("جمادى", "الثانية", 6, Hijri),
        ("جمادى", "الثاني", 6, Hijri),
        ("جمادى", "ثاني", 6, Hijri),
        ("ذو", "القعدة", 11, Hijri),
        ("ذي", "القعدة", 11, Hijri),
        ("ذا", "القعدة", 11, Hijri),
        ("ذو", "الحجة", 12, Hijri),
        ("ذي", "الحجة", 12, Hijri),
        ("ذا", "الحجة", 12, Hijri),
    ]
};

/// Weekdays, with the variants ARABIC.md §2.2 accepts (الإثنين, الثلثاء) and the hamza-less
/// spellings (الاربعاء), which fold to the same key.
const WEEKDAYS: &[(&str, Weekday)] = &[
    ("الأحد", Weekday::Sunday),
    ("الاثنين", Weekday::Monday),
    ("الإثنين", Weekday::Monday),
    ("الإتنين", Weekday::Monday),
    ("الثلاثاء", Weekday::Tuesday),
    ("الثلثاء", Weekday::Tuesday),
    ("الأربعاء", Weekday::Wednesday),
    ("الأربعا", Weekday::Wednesday),
    ("الخميس", Weekday::Thursday),
    ("الجمعة", Weekday::Friday),
    ("السبت", Weekday::Saturday),
];

struct Tables {
    one: WordMap<MonthName>,
    two: HashMap<(String, String), MonthName>,
    two_first: WordSet,
    weekdays: WordMap<Weekday>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let one = ONE_WORD
        .iter()
        .map(|&(n, number, system)| (fold(n), MonthName { number, system }))
        .collect();
    let two: HashMap<(String, String), MonthName> = TWO_WORD
        .iter()
        .map(|&(a, b, number, system)| ((fold(a), fold(b)), MonthName { number, system }))
        .collect();
    let two_first = two.keys().map(|(a, _)| a.clone()).collect();
    let weekdays = WEEKDAYS.iter().map(|&(n, w)| (fold(n), w)).collect();
    Tables {
        one,
        two,
        two_first,
        weekdays,
    }
});

/// A one-word month name, by folded form.
pub fn month_one(folded: &str) -> Option<MonthName> {
    TABLES.one.get(folded).copied()
}

/// Whether a folded word can start a two-word month name (كانون, تشرين, ربيع, جمادى, ذو …).
pub fn starts_two_word_month(folded: &str) -> bool {
    TABLES.two_first.contains(folded)
}

/// A two-word month name, by the folded forms of its words.
pub fn month_two(first: &str, second: &str) -> Option<MonthName> {
    TABLES.two.get(&(first.to_string(), second.to_string())).copied()
}

/// A weekday name (with the article, as dates write it), by folded form; a leading و or ف
/// conjunction is allowed (والخميس).
pub fn weekday(folded: &str) -> Option<Weekday> {
    // Word maps rule most words out on their length and first and last bytes, unhashed.
    let t = &*TABLES;
    if let Some(&w) = t.weekdays.get(folded) {
        return Some(w);
    }
    let rest = super::clitics::strip_conjunction(folded)?;
    t.weekdays.get(rest).copied()
}

/// English names for messages.
pub fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// The English name of a Gregorian month (1–12), for messages.
pub fn gregorian_month_name(m: u8) -> &'static str {
    super::months::english(m)
}

pub fn hijri_month_name(m: u8) -> &'static str {
    const NAMES: [&str; 12] = [
        "محرم",
        "صفر",
        "ربيع الأول",
        "ربيع الآخر",
        "جمادى الأولى",
        "جمادى الآخرة",
        "رجب",
        "شعبان",
        "رمضان",
        "شوال",
        "ذو القعدة",
        "ذو الحجة",
    ];
    NAMES.get(usize::from(m).wrapping_sub(1)).copied().unwrap_or("?")
}

/// "Wednesday 16 September 2015".
pub fn describe_gregorian(d: Date) -> String {
    format!(
        "{} {} {} {}",
        weekday_name(d.weekday()),
        d.day(),
        gregorian_month_name(d.month() as u8),
        d.year()
    )
}

/// Gregorian years the rules reason about; outside them a "year" is more likely a count.
pub const GREGORIAN_YEARS: std::ops::RangeInclusive<i32> = 1800..=2200;
/// Hijri years the rules accept as years (1800–2200 CE is about 1215–1623 AH).
pub const HIJRI_YEARS: std::ops::RangeInclusive<i32> = 1200..=1700;
/// The years of the Umm al-Qura table that `icu_calendar` carries (KACST data). Outside them
/// the crate falls back to arithmetic; we skip instead of guessing.
pub const UMM_AL_QURA_YEARS: std::ops::RangeInclusive<i32> = 1300..=1600;

/// Days in a Gregorian month; February has 29 when the year is unknown.
pub fn gregorian_month_days(year: Option<i32>, month: u8) -> Option<u8> {
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !is_gregorian_leap(y) => 28,
            _ => 29,
        },
        _ => return None,
    })
}

pub fn is_gregorian_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// A Gregorian date, when it exists.
pub fn gregorian(year: i32, month: u8, day: u8) -> Option<Date> {
    Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()
}

/// Days from 1970-01-01 (any fixed epoch would do: only differences are used).
pub fn day_number(d: Date) -> i64 {
    let epoch = Date::constant(1970, 1, 1);
    d.since(epoch).map(|s| i64::from(s.get_days())).unwrap_or(0)
}

pub fn from_day_number(n: i64) -> Option<Date> {
    let epoch = Date::constant(1970, 1, 1);
    epoch.checked_add(jiff::Span::new().try_days(n).ok()?).ok()
}

/// The first day of a Hijri month in a given calendar, then `day - 1` days on. (A macro rather
/// than a generic function: the calendar's `Rules` trait is not public in `icu_calendar`.)
macro_rules! hijri_to_gregorian {
    ($year:expr, $month:expr, $day:expr, $cal:expr) => {{
        let (year, month, day): (i32, u8, u8) = ($year, $month, $day);
        if !(1..=12).contains(&month) || !(1..=30).contains(&day) {
            return None;
        }
        let first = icu_calendar::Date::try_new_hijri_with_calendar(year, month, 1, $cal).ok()?;
        let iso = first.to_iso();
        let start = gregorian(iso.extended_year(), iso.month().ordinal, iso.day_of_month().0)?;
        start.checked_add(jiff::Span::new().days(i64::from(day) - 1)).ok()
    }};
}

/// The Gregorian date a Hijri date falls on in the Umm al-Qura calendar. `None` outside the
/// table's years or for a month outside 1–12. A day past the month's length (30 in a month of
/// 29) runs on into the next month, as a printed date one day ahead of the table would.
pub fn umm_al_qura_to_gregorian(year: i32, month: u8, day: u8) -> Option<Date> {
    use icu_calendar::cal::Hijri;
    if !UMM_AL_QURA_YEARS.contains(&year) {
        return None;
    }
    hijri_to_gregorian!(year, month, day, Hijri::new_umm_al_qura())
}

/// The Gregorian date of a Hijri date in the tabular (civil: type II leap years, Friday epoch)
/// calendar.
pub fn tabular_to_gregorian(year: i32, month: u8, day: u8) -> Option<Date> {
    use icu_calendar::cal::Hijri;
    use icu_calendar::cal::hijri::{TabularAlgorithmEpoch, TabularAlgorithmLeapYears};
    if !HIJRI_YEARS.contains(&year) {
        return None;
    }
    hijri_to_gregorian!(
        year,
        month,
        day,
        Hijri::new_tabular(TabularAlgorithmLeapYears::TypeII, TabularAlgorithmEpoch::Friday)
    )
}

/// The Umm al-Qura Hijri date (year, month, day) of a Gregorian date, inside the table's years.
pub fn gregorian_to_umm_al_qura(d: Date) -> Option<(i32, u8, u8)> {
    use icu_calendar::cal::Hijri;
    let iso = icu_calendar::Date::try_new_iso(i32::from(d.year()), d.month() as u8, d.day() as u8).ok()?;
    let h = iso.to_calendar(Hijri::new_umm_al_qura());
    let y = h.extended_year();
    UMM_AL_QURA_YEARS
        .contains(&y)
        .then(|| (y, h.month().ordinal, h.day_of_month().0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_gregorian_system_reads() {
        let cases = [
            ("يناير", 1),
            ("كانون", 0),
            ("جانفي", 1),
            ("فيفري", 2),
            ("آذار", 3),
            ("ابريل", 4),
            ("إبريل", 4),
            ("أفريل", 4),
            ("نيسان", 4),
            ("ماي", 5),
            ("أيار", 5),
            ("جوان", 6),
            ("حزيران", 6),
            ("يونيه", 6),
            ("جويلية", 7),
            ("يوليوز", 7),
            ("تموز", 7),
            ("اغسطس", 8),
            ("أوت", 8),
            ("غشت", 8),
            ("أغشت", 8),
            ("آب", 8),
            ("شتنبر", 9),
            ("شتمبر", 9),
            ("أيلول", 9),
            ("نونبر", 11),
            ("دجنبر", 12),
            ("دجمبر", 12),
        ];
        for (name, n) in cases {
            let got = month_one(&fold(name)).map(|m| m.number).unwrap_or(0);
            assert_eq!(got, n, "{name}");
        }
        assert_eq!(month_two(&fold("كانون"), &fold("الثاني")).map(|m| m.number), Some(1));
        assert_eq!(month_two(&fold("تشرين"), &fold("أول")).map(|m| m.number), Some(10));
        assert_eq!(month_two(&fold("ذي"), &fold("الحجّة")).map(|m| m.number), Some(12));
        assert_eq!(month_two(&fold("جمادى"), &fold("الآخرة")).map(|m| m.number), Some(6));
        assert_eq!(month_one(&fold("شوال")).map(|m| m.system), Some(MonthSystem::Hijri));
    }

    #[test]
    fn weekdays_and_variants() {
        assert_eq!(weekday(&fold("الإثنين")), Some(Weekday::Monday));
        assert_eq!(weekday(&fold("الاثنين")), Some(Weekday::Monday));
        assert_eq!(weekday(&fold("الثلثاء")), Some(Weekday::Tuesday));
        assert_eq!(weekday(&fold("الاربعاء")), Some(Weekday::Wednesday));
        assert_eq!(weekday(&fold("والخميس")), Some(Weekday::Thursday));
        assert_eq!(weekday(&fold("الجمعة")), Some(Weekday::Friday));
        assert_eq!(weekday(&fold("الخمس")), None);
        // The filter on the first four bytes sees every name.
        assert!(TABLES.weekdays.keys().all(|k| k.len() > 4));
        for (name, w) in WEEKDAYS {
            assert_eq!(weekday(&fold(name)), Some(*w), "{name}");
            assert_eq!(weekday(&fold(&format!("و{name}"))), Some(*w), "{name}");
        }
    }

    #[test]
    fn leap_years() {
        assert_eq!(gregorian_month_days(Some(2015), 2), Some(28));
        assert_eq!(gregorian_month_days(Some(2016), 2), Some(29));
        assert_eq!(gregorian_month_days(Some(1900), 2), Some(28));
        assert_eq!(gregorian_month_days(Some(2000), 2), Some(29));
        assert_eq!(gregorian_month_days(None, 2), Some(29));
        assert_eq!(gregorian_month_days(None, 13), None);
    }

    #[test]
    fn arabic_md_weekdays() {
        let w = |y, m, d| gregorian(y, m, d).map(|d| d.weekday());
        assert_eq!(w(2009, 9, 6), Some(Weekday::Sunday));
        assert_eq!(w(2012, 12, 12), Some(Weekday::Wednesday));
        assert_eq!(w(2010, 2, 27), Some(Weekday::Saturday));
        assert_eq!(w(2008, 3, 13), Some(Weekday::Thursday));
        assert_eq!(w(2015, 12, 25), Some(Weekday::Friday));
        assert_eq!(w(2019, 11, 14), Some(Weekday::Thursday));
        assert_eq!(w(2015, 9, 16), Some(Weekday::Wednesday));
    }

    #[test]
    fn umm_al_qura_matches_arabic_md_table() {
        let g = |y, m, d| gregorian(y, m, d);
        // The founding example prints 02 ذي الحجة 1436 beside 16 September 2015: the KACST table
        // begins Dhu al-Hijjah a day earlier than the moon sighting that year (Eid on the 24th).
        assert_eq!(umm_al_qura_to_gregorian(1436, 12, 2), g(2015, 9, 15));
        assert_eq!(umm_al_qura_to_gregorian(1430, 9, 16), g(2009, 9, 6));
        assert_eq!(umm_al_qura_to_gregorian(1441, 3, 17), g(2019, 11, 14));
        assert_eq!(umm_al_qura_to_gregorian(1440, 9, 29), g(2019, 6, 3));
        assert_eq!(umm_al_qura_to_gregorian(1436, 5, 14), g(2015, 3, 5));
        assert_eq!(umm_al_qura_to_gregorian(1436, 10, 25), g(2015, 8, 10));
        // Al Jazeera's 7/3/1429 printed beside 13/3/2008: both calendars say 5 Rabi' I.
        assert_eq!(umm_al_qura_to_gregorian(1429, 3, 5), g(2008, 3, 13));
        assert_eq!(tabular_to_gregorian(1429, 3, 5), g(2008, 3, 13));
        assert_eq!(
            gregorian_to_umm_al_qura(Date::constant(2015, 9, 16)),
            Some((1436, 12, 3))
        );
    }

    #[test]
    fn umm_al_qura_table_edges() {
        assert!(umm_al_qura_to_gregorian(1300, 1, 1).is_some());
        assert!(umm_al_qura_to_gregorian(1600, 12, 29).is_some());
        assert_eq!(umm_al_qura_to_gregorian(1299, 12, 29), None);
        assert_eq!(umm_al_qura_to_gregorian(1601, 1, 1), None);
        assert_eq!(umm_al_qura_to_gregorian(1436, 13, 1), None);
        // 1300 AH began on 12 November 1882 (ISO) per the KACST table.
        assert_eq!(umm_al_qura_to_gregorian(1300, 1, 1), gregorian(1882, 11, 12));
        assert_eq!(gregorian_to_umm_al_qura(Date::constant(1850, 1, 1)), None);
    }

    #[test]
    fn day_numbers_round_trip() {
        let d = Date::constant(2015, 9, 16);
        assert_eq!(from_day_number(day_number(d) - 1), gregorian(2015, 9, 15));
        assert_eq!(day_number(Date::constant(1970, 1, 2)), 1);
        assert_eq!(day_number(Date::constant(1969, 12, 31)), -1);
    }
}
