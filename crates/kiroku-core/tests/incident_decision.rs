//! The incident decision (DOMAIN §9): every row of the table for every kind of body, the
//! 100-person boundary (確定 and 最大), 2号 with others (60 days), the exclusions (高度な暗号化
//! with the key safe; recovered before viewed) that give way to 不正の目的, and what a body
//! does when no row applies.
#![allow(clippy::unwrap_used)]

use kiroku_core::incident::{
    decide, BodyKind, IncidentFacts, Law, Obligation, PersonCount, Situation, SystemKind,
};
use rstest::rstest;

fn leak(count: u32) -> IncidentFacts {
    IncidentFacts {
        situations: vec![Situation::Leak],
        persons: PersonCount {
            count,
            confirmed: true,
        },
        ..IncidentFacts::default()
    }
}

fn applying(body: BodyKind, f: &IncidentFacts, law: Law) -> Vec<&'static str> {
    decide(body, f)
        .rows
        .into_iter()
        .filter(|g| g.applies && g.law == law)
        .map(|g| g.code)
        .collect()
}

const A: BodyKind = BodyKind::Jimukumiai;
const B: BodyKind = BodyKind::Roudouhoken;
const C: BodyKind = BodyKind::Kyosai;

#[rstest]
#[case(A, SystemKind::InfoNetwork, Some("規則第2条1号イ"))]
#[case(B, SystemKind::InfoNetwork, Some("規則第2条1号イ"))]
#[case(C, SystemKind::InfoNetwork, Some("規則第2条1号イ"))]
#[case(A, SystemKind::UsageSystem, Some("規則第2条1号ロ"))]
#[case(B, SystemKind::UsageSystem, Some("規則第2条1号ロ"))]
#[case(C, SystemKind::UsageSystem, Some("規則第2条1号ロ"))]
#[case(A, SystemKind::LocalGovSystem, Some("規則第2条1号ハ"))]
#[case(B, SystemKind::LocalGovSystem, None)]
#[case(C, SystemKind::LocalGovSystem, None)]
fn row_1_any_count_from_a_system(
    #[case] body: BodyKind,
    #[case] system: SystemKind,
    #[case] row: Option<&str>,
) {
    let f = IncidentFacts {
        system: Some(system),
        ..leak(1)
    };
    let d = decide(body, &f);
    assert_eq!(
        applying(body, &f, Law::MyNumberAct),
        row.into_iter().collect::<Vec<_>>()
    );
    match row {
        Some(_) => {
            assert_eq!(d.my_number_act, Obligation::Required);
            assert_eq!(d.kakuho_days, 30);
        }
        // ハ is a 地方公共団体等's system only: for B and C one person is not reportable.
        None => {
            assert_eq!(d.my_number_act, Obligation::Effort);
            let ha = d.rows.iter().find(|g| g.code == "規則第2条1号ハ").unwrap();
            assert!(ha.reason.contains("地方公共団体等"), "{}", ha.reason);
        }
    }
}

#[rstest]
fn row_2_unlawful_purpose_any_act_is_60_days(
    #[values(A, B, C)] body: BodyKind,
    #[values(
        Situation::Leak,
        Situation::Loss,
        Situation::UnlawfulUse,
        Situation::UnlawfulProvision
    )]
    act: Situation,
) {
    let f = IncidentFacts {
        situations: vec![act],
        unlawful_purpose: true,
        ..leak(1)
    };
    let d = decide(body, &f);
    assert_eq!(applying(body, &f, Law::MyNumberAct), ["規則第2条2号"]);
    assert_eq!(d.my_number_act, Obligation::Required);
    assert_eq!(d.kakuho_days, 60);
    assert!(d.reportable());
}

#[rstest]
fn row_3_public_viewing_any_count(#[values(A, B, C)] body: BodyKind) {
    let f = IncidentFacts {
        public_viewing: true,
        ..leak(2)
    };
    assert_eq!(applying(body, &f, Law::MyNumberAct), ["規則第2条3号"]);
    assert_eq!(decide(body, &f).kakuho_days, 30);
}

#[rstest]
#[case(100, true, false)]
#[case(101, true, true)]
#[case(100, false, false)]
#[case(101, false, true)]
fn row_4_more_than_100_confirmed_or_at_most(
    #[values(A, B, C)] body: BodyKind,
    #[values(Situation::Leak, Situation::UnlawfulUse, Situation::UnlawfulProvision)] act: Situation,
    #[case] count: u32,
    #[case] confirmed: bool,
    #[case] applies: bool,
) {
    let f = IncidentFacts {
        situations: vec![act],
        persons: PersonCount { count, confirmed },
        ..IncidentFacts::default()
    };
    let d = decide(body, &f);
    let four = d.rows.iter().find(|g| g.code == "規則第2条4号").unwrap();
    assert_eq!(four.applies, applies, "{}", four.reason);
    if applies {
        assert_eq!(d.my_number_act, Obligation::Required);
        if !confirmed {
            assert!(four.reason.contains("最大"), "{}", four.reason);
        }
    } else {
        // Below the line, no row: A reports under the guideline, B and C 努める.
        let expected = if body == A {
            Obligation::GuidelineAsks
        } else {
            Obligation::Effort
        };
        assert_eq!(d.my_number_act, expected);
    }
}

#[test]
fn row_2_with_others_is_60_days() {
    let f = IncidentFacts {
        unlawful_purpose: true,
        public_viewing: true,
        system: Some(SystemKind::UsageSystem),
        ..leak(500)
    };
    for body in BodyKind::ALL {
        let d = decide(body, &f);
        let rows = applying(body, &f, Law::MyNumberAct);
        assert!(
            rows.contains(&"規則第2条2号") && rows.contains(&"規則第2条4号"),
            "{rows:?}"
        );
        assert_eq!(d.kakuho_days, 60);
    }
    // Without 2号 the same facts are 30 days.
    let f = IncidentFacts {
        unlawful_purpose: false,
        ..f
    };
    assert_eq!(decide(A, &f).kakuho_days, 30);
}

#[rstest]
fn encryption_with_the_key_safe_excludes_unless_unlawful_purpose(
    #[values(A, B, C)] body: BodyKind,
) {
    let f = IncidentFacts {
        encrypted_key_safe: true,
        system: Some(SystemKind::UsageSystem),
        public_viewing: true,
        sensitive: true,
        ..leak(5000)
    };
    let d = decide(body, &f);
    assert!(applying(body, &f, Law::MyNumberAct).is_empty());
    assert!(applying(body, &f, Law::Appi).is_empty());
    assert_eq!(d.my_number_act, Obligation::NotRequired);
    assert!(!d.reportable());
    assert!(d.reasons[0].contains("高度な暗号化"), "{:?}", d.reasons);

    let f = IncidentFacts {
        unlawful_purpose: true,
        ..f
    };
    let d = decide(body, &f);
    assert_eq!(applying(body, &f, Law::MyNumberAct), ["規則第2条2号"]);
    assert!(applying(body, &f, Law::Appi).contains(&"個人情報保護法（不正の目的）"));
    assert!(d.reportable());
    assert_eq!(d.kakuho_days, 60);
}

#[rstest]
fn recovered_before_viewed_is_no_leak_unless_unlawful_purpose(#[values(A, B, C)] body: BodyKind) {
    let f = IncidentFacts {
        recovered_before_viewed: true,
        ..leak(300)
    };
    let d = decide(body, &f);
    assert!(applying(body, &f, Law::MyNumberAct).is_empty());
    assert_eq!(d.my_number_act, Obligation::NotRequired);
    assert!(d.reasons[0].contains("回収"), "{:?}", d.reasons);
    // A lost (滅失) paper is not undone by recovering another copy's leak.
    let lost = IncidentFacts {
        situations: vec![Situation::Leak, Situation::Loss],
        ..f.clone()
    };
    assert!(applying(body, &lost, Law::MyNumberAct).contains(&"規則第2条4号"));

    let f = IncidentFacts {
        unlawful_purpose: true,
        ..f
    };
    assert_eq!(applying(body, &f, Law::MyNumberAct), ["規則第2条2号"]);
    assert!(decide(body, &f).reportable());
}

#[rstest]
#[case(A, 100, false)]
#[case(A, 101, true)]
#[case(B, 101, false)]
#[case(B, 1000, false)]
#[case(B, 1001, true)]
#[case(C, 1000, false)]
#[case(C, 1001, true)]
fn appi_count_line_by_body(#[case] body: BodyKind, #[case] count: u32, #[case] applies: bool) {
    let f = leak(count);
    let appi = applying(body, &f, Law::Appi);
    assert_eq!(!appi.is_empty(), applies, "{appi:?}");
    assert_eq!(decide(body, &f).appi == Obligation::Required, applies);
}

#[rstest]
fn appi_sensitive_and_financial_one_person(#[values(A, B, C)] body: BodyKind) {
    for f in [
        IncidentFacts {
            sensitive: true,
            ..leak(1)
        },
        IncidentFacts {
            financial_damage: true,
            ..leak(1)
        },
    ] {
        assert_eq!(decide(body, &f).appi, Obligation::Required);
    }
    // 条例要配慮 is a 行政機関等's ground only.
    let f = IncidentFacts {
        ordinance_sensitive: true,
        ..leak(1)
    };
    assert_eq!(
        decide(body, &f).appi == Obligation::Required,
        body == A,
        "{body:?}"
    );
}

#[test]
fn kyosai_short_term_benefit_data_is_sensitive_and_its_forms_are_due() {
    let f = IncidentFacts {
        short_term_benefit: true,
        ..leak(1)
    };
    let d = decide(C, &f);
    assert_eq!(d.appi, Obligation::Required);
    assert!(d.kyosai_forms);
    assert!(d.reasons.iter().any(|r| r.contains("様式第2号")));
    // For another body the flag means nothing.
    assert_eq!(decide(B, &f).appi, Obligation::NotRequired);
    assert!(!decide(B, &f).kyosai_forms);
}

#[test]
fn roudouhoken_may_notify_the_principal_for_its_clients_data() {
    let f = IncidentFacts {
        principal_data: true,
        ..leak(150)
    };
    assert!(decide(B, &f).may_notify_principal);
    assert!(!decide(A, &f).may_notify_principal);
    assert!(!decide(C, &f).may_notify_principal);
    // Its own staff's data: it reports itself.
    assert!(!decide(B, &leak(150)).may_notify_principal);
    // Nothing reportable: nothing to notify instead of.
    let small = IncidentFacts {
        principal_data: true,
        ..leak(3)
    };
    assert!(!decide(B, &small).may_notify_principal);
}

#[test]
fn nothing_happened_is_not_reportable_and_every_row_says_why() {
    for body in BodyKind::ALL {
        let d = decide(body, &IncidentFacts::default());
        assert_eq!(d.my_number_act, Obligation::NotRequired);
        assert!(!d.reportable());
        assert!(d.rows.iter().all(|g| !g.applies && !g.reason.is_empty()));
        assert!(d.basis().is_empty());
    }
}
