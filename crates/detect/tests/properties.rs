//! Properties that must hold for any input: no panic, spans on character boundaries
//! inside the text, sorted and non-overlapping, and the same answer every time.

use gezi_detect::{Config, Detector, Finding, KindSet, Pass};
use proptest::prelude::*;
use std::sync::OnceLock;

fn detector() -> &'static Detector {
    static D: OnceLock<Detector> = OnceLock::new();
    D.get_or_init(Detector::new)
}

fn ids_only() -> &'static Detector {
    static D: OnceLock<Detector> = OnceLock::new();
    D.get_or_init(|| {
        Detector::with_config(Config {
            kinds: KindSet::of_pass(Pass::Identifier),
            ..Config::default()
        })
    })
}

/// Fragments that exercise the recognisers: identifiers, separators, full-width forms,
/// labels, surnames, address parts and odd characters.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("A123456789".to_string()),
        Just("Ａ１２３４５６７８９".to_string()),
        Just("0912-345-678".to_string()),
        Just("+852 9123 4567".to_string()),
        Just("11010519491231002X".to_string()),
        Just("A123456(3)".to_string()),
        Just("4111 1111 1111 1111".to_string()),
        Just("chen@example.com".to_string()),
        Just("192.168.0.1".to_string()),
        Just("fe80::1:2:3".to_string()),
        Just("姓名：".to_string()),
        Just("地址：".to_string()),
        Just("出生日期：".to_string()),
        Just("民國75年3月21日".to_string()),
        Just("王小明".to_string()),
        Just("歐陽".to_string()),
        Just("先生".to_string()),
        Just("臺北市中正區重慶南路一段122號3樓".to_string()),
        Just("Flat A, 12/F, 8 Tsing Lung Road".to_string()),
        Just("Dear Mr. ".to_string()),
        Just("病歷".to_string()),
        Just("統一編號 04595252".to_string()),
        Just("，".to_string()),
        Just("\n".to_string()),
        Just(" ".to_string()),
        Just("號".to_string()),
        Just("@".to_string()),
        Just("(".to_string()),
        Just("-".to_string()),
        "[0-9]{1,20}",
        "[A-Z]{1,3}",
        "\\PC{0,12}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(fragment(), 0..24).prop_map(|v| v.concat()),
        any::<String>(),
        prop::collection::vec(any::<u8>(), 0..300)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

fn check(text: &str, found: &[Finding]) -> Result<(), TestCaseError> {
    let mut last_end = 0;
    for f in found {
        prop_assert!(
            f.start() < f.end(),
            "empty or backwards span {:?}",
            f.span()
        );
        prop_assert!(f.end() <= text.len());
        prop_assert!(text.is_char_boundary(f.start()) && text.is_char_boundary(f.end()));
        prop_assert!(f.start() >= last_end, "findings overlap or are unsorted");
        prop_assert!((0.0..=1.0).contains(&f.score));
        last_end = f.end();
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn spans_are_well_formed(text in text()) {
        let found = detector().find(&text);
        check(&text, &found)?;
        check(&text, &ids_only().find(&text))?;
    }

    #[test]
    fn same_answer_every_time(text in text()) {
        let a = detector().find(&text);
        let b = detector().find(&text);
        prop_assert_eq!(a, b);
    }

    /// A finding does not depend on text far away from it: prefixing unrelated prose
    /// moves every span by the prefix length and changes nothing else.
    #[test]
    fn findings_move_with_the_text(text in text()) {
        let prefix = "This paragraph is unrelated.\n\n";
        let plain = ids_only().find(&text);
        let moved = ids_only().find(&format!("{prefix}{text}"));
        let shifted: Vec<_> = plain.into_iter().map(|f| f.shifted(prefix.len())).collect();
        prop_assert_eq!(shifted, moved);
    }
}

#[test]
fn many_threads_share_one_detector() {
    let d = detector();
    let text = "身分證字號 A123456789，電話 0912-345-678，王小明先生";
    let want = d.find(text);
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for _ in 0..200 {
                    assert_eq!(d.find(text), want);
                }
            });
        }
    });
}
