//! Dates, numbers, column letters, headers and totals rows, without files.

use chrono::NaiveDate;

use super::super::{
    Ambiguous, Cell, DateProblem, HeaderError, NumberStyle, Row, ValueError, column_letter,
    find_header, is_totals_row, parse_date, parse_number, parse_whole,
};
use super::SPECS;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

#[test]
fn dates_in_every_form_vietnamese_files_use() {
    for written in [
        "30/06/2022",
        "30-6-2022",
        "30.6.2022",
        "2022-06-30",
        "2022/06/30",
        " 30/06/2022 ",
        "30/06/2022 08:15",
        "2022-06-30T08:15:00",
    ] {
        assert_eq!(
            parse_date(&text(written)),
            Ok(day(2022, 6, 30)),
            "{written}"
        );
    }
    assert_eq!(parse_date(&Cell::Number(44742.0)), Ok(day(2022, 6, 30)));
    assert_eq!(parse_date(&Cell::Number(44742.75)), Ok(day(2022, 6, 30)));
    let cell = Cell::Date(day(2022, 6, 30).and_hms_opt(0, 0, 0).unwrap());
    assert_eq!(parse_date(&cell), Ok(day(2022, 6, 30)));
}

#[test]
fn excel_serials_around_the_1900_leap_year_bug() {
    assert_eq!(parse_date(&Cell::Number(1.0)), Ok(day(1900, 1, 1)));
    assert_eq!(parse_date(&Cell::Number(59.0)), Ok(day(1900, 2, 28)));
    assert_eq!(parse_date(&Cell::Number(61.0)), Ok(day(1900, 3, 1)));
    assert_eq!(
        parse_date(&Cell::Number(60.0)),
        Err(ValueError::ImpossibleDate {
            value: "60".into(),
            problem: DateProblem::Excel1900LeapBug
        })
    );
    for serial in [0.0, -3.0, 3_000_000.0] {
        assert!(
            matches!(
                parse_date(&Cell::Number(serial)),
                Err(ValueError::ImpossibleDate {
                    problem: DateProblem::Serial(_),
                    ..
                })
            ),
            "{serial}"
        );
    }
}

#[test]
fn impossible_dates_say_why() {
    let problem = |s: &str| match parse_date(&text(s)) {
        Err(ValueError::ImpossibleDate { problem, .. }) => problem,
        other => panic!("{s}: {other:?}"),
    };
    assert_eq!(
        problem("31/06/2022"),
        DateProblem::Day {
            day: 31,
            month: 6,
            year: 2022
        }
    );
    assert_eq!(
        problem("29/02/2023"),
        DateProblem::Day {
            day: 29,
            month: 2,
            year: 2023
        }
    );
    assert_eq!(problem("15/13/2022"), DateProblem::Month(13));
    assert_eq!(problem("30/06/22"), DateProblem::TwoDigitYear);
    assert_eq!(problem("01/01/0999"), DateProblem::Year(999));
    assert_eq!(parse_date(&text("29/02/2024")), Ok(day(2024, 2, 29)));
    for s in [
        "hôm qua",
        "30/06",
        "06/30/2022/1",
        "2022-06",
        "30/06/2022 sáng",
        "1/2/3/4",
    ] {
        assert!(
            matches!(parse_date(&text(s)), Err(ValueError::NotADate { .. })),
            "{s}"
        );
    }
    assert_eq!(parse_date(&Cell::Empty), Err(ValueError::Empty));
    assert!(matches!(
        parse_date(&Cell::Bool(true)),
        Err(ValueError::NotADate { .. })
    ));
}

#[test]
fn a_column_decides_its_number_style() {
    use NumberStyle::{English, Vietnamese};
    assert_eq!(NumberStyle::decide(["1.234,5", "12"]), Ok(Vietnamese));
    assert_eq!(NumberStyle::decide(["1.234.567", "1.234"]), Ok(Vietnamese));
    assert_eq!(NumberStyle::decide(["2,5", "1.234"]), Ok(Vietnamese));
    assert_eq!(NumberStyle::decide(["0,125"]), Ok(Vietnamese));
    assert_eq!(NumberStyle::decide(["1,234.5"]), Ok(English));
    assert_eq!(NumberStyle::decide(["1,234,567", "2,500"]), Ok(English));
    assert_eq!(NumberStyle::decide(["2.5", "1,234"]), Ok(English));
    assert_eq!(
        NumberStyle::decide(["12", "7", "", "không rõ"]),
        Ok(Vietnamese)
    );
    assert_eq!(
        NumberStyle::decide(["1.234,5", "1,234.5"]),
        Err(Ambiguous::Mixed {
            vietnamese: "1.234,5".into(),
            english: "1,234.5".into()
        })
    );
    assert_eq!(
        NumberStyle::decide(["2,5", "2.5"]),
        Err(Ambiguous::Mixed {
            vietnamese: "2,5".into(),
            english: "2.5".into()
        })
    );
    assert_eq!(
        NumberStyle::decide(["1.234", "12"]),
        Err(Ambiguous::NoEvidence {
            example: "1.234".into()
        })
    );
    assert_eq!(
        NumberStyle::decide(["2,500"]),
        Err(Ambiguous::NoEvidence {
            example: "2,500".into()
        })
    );
}

#[test]
fn numbers_in_each_style_and_the_refused() {
    use NumberStyle::{English, Vietnamese};
    let ok = [
        ("1.234,5", Vietnamese, 1234.5),
        ("1.234", Vietnamese, 1234.0),
        ("-1.234.567,25", Vietnamese, -1234567.25),
        ("0,5", Vietnamese, 0.5),
        ("1 234,5", Vietnamese, 1234.5),
        ("1\u{a0}234", Vietnamese, 1234.0),
        ("1,234.5", English, 1234.5),
        ("1234.5", English, 1234.5),
        ("+12", English, 12.0),
    ];
    for (t, style, n) in ok {
        assert_eq!(parse_number(t, style), Ok(n), "{t}");
    }
    for (t, style) in [
        ("1.23.4", Vietnamese),
        ("1,234.5", Vietnamese),
        ("12,34,5", English),
        ("abc", English),
        ("", Vietnamese),
        ("-", Vietnamese),
        ("1,2,", Vietnamese),
        ("1e5", English),
    ] {
        assert_eq!(
            parse_number(t, style),
            Err(ValueError::NotANumber { value: t.into() }),
            "{t}"
        );
    }
}

#[test]
fn whole_numbers_for_counts() {
    let vn = NumberStyle::Vietnamese;
    assert_eq!(parse_whole(&Cell::Number(4.0), vn), Ok(4));
    assert_eq!(parse_whole(&text("1.234"), vn), Ok(1234));
    assert_eq!(
        parse_whole(&Cell::Number(2.5), vn),
        Err(ValueError::NotWhole {
            value: "2.5".into()
        })
    );
    assert_eq!(
        parse_whole(&text("2,5"), vn),
        Err(ValueError::NotWhole {
            value: "2,5".into()
        })
    );
    assert_eq!(
        parse_whole(&Cell::Number(-1.0), vn),
        Err(ValueError::Negative { value: "-1".into() })
    );
    assert_eq!(parse_whole(&Cell::Empty, vn), Err(ValueError::Empty));
}

#[test]
fn column_letters_as_spreadsheets_show_them() {
    let letters: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702, 16383]
        .into_iter()
        .map(column_letter)
        .collect();
    assert_eq!(
        letters,
        ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA", "XFD"]
    );
}

fn row(number: u32, cells: &[&str]) -> Row {
    Row {
        number,
        cells: cells
            .iter()
            .map(|c| if c.is_empty() { Cell::Empty } else { text(c) })
            .collect(),
        fonts: Vec::new(),
    }
}

#[test]
fn totals_rows_are_recognised() {
    for first in ["Tổng", "TỔNG CỘNG", "Cộng:", "Tổng số", "  tong   cong  "] {
        assert!(is_totals_row(&row(9, &["", first, "12"])), "{first}");
    }
    for first in ["Tổng Văn Cộng", "Nguyễn Văn Tổng", ""] {
        assert!(!is_totals_row(&row(9, &[first, "12"])), "{first}");
    }
    let numbered = Row {
        number: 9,
        cells: vec![Cell::Number(3.0), text("Tổng cộng")],
        fonts: Vec::new(),
    };
    assert!(is_totals_row(&numbered), "the first text cell decides");
}

#[test]
fn a_header_is_found_below_a_title_forgiving_case_and_diacritics() {
    let rows = [
        row(1, &["DANH SÁCH HỘ"]),
        row(2, &["Xã Khe Bành"]),
        row(4, &["stt", "TEN CHU HO", "nhân   khẩu*", "Ghi chú"]),
        row(5, &["1", "Nguyễn Văn An", "4"]),
    ];
    let header = find_header("Hộ", &rows, SPECS).unwrap();
    assert_eq!((header.first_row, header.row), (4, 4));
    assert_eq!(header.columns, vec![("head", 1), ("size", 2)]);
    assert_eq!(
        header.unknown,
        vec![(0, "stt".to_string()), (3, "Ghi chú".to_string())]
    );
}

#[test]
fn a_two_row_header_falls_back_to_the_lower_names() {
    // "Nhóm" is no known group: the columns below it match by their own name.
    let rows = [
        row(1, &["Chủ hộ", "Nhân khẩu", "Nhóm", ""]),
        row(2, &["", "", "VNeID", "Thanh toán điện tử"]),
        row(3, &["An", "4", "Có", "Không"]),
    ];
    let header = find_header("Hộ", &rows, SPECS).unwrap();
    assert_eq!((header.first_row, header.row), (1, 2));
    assert_eq!(header.get("vneid"), Some(2));
    assert_eq!(header.get("payment"), Some(3));
    assert!(header.unknown.is_empty());
}

#[test]
fn a_header_naming_one_column_twice_is_refused() {
    let rows = [row(3, &["Chủ hộ", "Họ và tên chủ hộ", "Số nhân khẩu"])];
    assert_eq!(
        find_header("Hộ", &rows, SPECS),
        Err(HeaderError::Duplicate {
            sheet: "Hộ".into(),
            row: 3,
            key: "head",
            first: "A".into(),
            second: "B".into()
        })
    );
}

#[test]
fn a_header_below_the_first_ten_rows_is_not_looked_for() {
    let mut rows: Vec<Row> = (1..=10).map(|n| row(n, &["ghi chú"])).collect();
    rows.push(row(11, &["Chủ hộ", "Nhân khẩu"]));
    assert!(matches!(
        find_header("Hộ", &rows, SPECS),
        Err(HeaderError::NotFound { .. })
    ));
    rows.remove(0);
    assert_eq!(find_header("Hộ", &rows, SPECS).unwrap().row, 11);
}
