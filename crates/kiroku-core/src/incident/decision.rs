//! 報告要否の判定: every row of DOMAIN §9's decision table checked against the facts and the
//! kind of body, each with its reason; the officer confirms or overrides it (kept elsewhere).
//!
//! 番号法 (番号法第29条の4, 特定個人情報の漏えい等に関する報告等に関する規則 第2条):
//! 1号 an information system (イ 情報提供ネットワーク, ロ 利用事務, ハ a 地方公共団体等's 関係事務
//! system) — any number of persons; 2号 不正の目的 (イ 漏えい等, ロ 利用, ハ 提供) — 確報 60日;
//! 3号 不特定多数の閲覧; 4号 more than 100 persons (イ 漏えい等, ロ 利用 against 第9条, ハ 提供
//! against 第19条), an uncertain count decided by its maximum. Data under 高度な暗号化 with the
//! key safe is excluded, and data recovered before anyone saw it is no 漏えい — except under
//! 2号: an act with 不正の目的 is reported whatever was encrypted or recovered.
//!
//! APPI: a 行政機関等 (A) under 第68条 — 要配慮, 財産的被害, 不正目的, more than 100, 条例要配慮;
//! a 個人情報取扱事業者 (B, C) under 第26条 — 要配慮, 財産的被害, 不正目的, more than 1,000 (C's
//! 短期給付 data is 要配慮: one person suffices).
//!
//! When no row applies: A reports every 特定個人情報 漏えい等 anyway (PPC guideline, 行政機関等編
//! 別添2); B and C 努める. B holding a 委託事業主's data may notify the 委託元 instead of reporting.

use super::body::BodyKind;
use super::facts::{IncidentFacts, Situation, SystemKind};

/// Which law a row is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Law {
    /// 番号法 (規則第2条)
    MyNumberAct,
    /// 個人情報保護法
    Appi,
}

/// One row of the decision table, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ground {
    pub law: Law,
    /// 「規則第2条1号イ」, 「個人情報保護法（要配慮）」 …
    pub code: &'static str,
    pub applies: bool,
    /// Why it applies or not, in the clerk's words.
    pub reason: String,
}

/// What a law asks of the body for this incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Obligation {
    /// 報告義務あり.
    Required,
    /// No row applies, but the PPC guideline asks a 行政機関等 (A) to report every 漏えい等.
    GuidelineAsks,
    /// No row applies; reporting is 努力 (B, C).
    Effort,
    /// Not reportable (excluded, or nothing happened that counts).
    NotRequired,
}

impl Obligation {
    pub fn label(self) -> &'static str {
        match self {
            Self::Required => "報告義務あり",
            Self::GuidelineAsks => "報告対象（ガイドラインにより報告）",
            Self::Effort => "報告は努力義務",
            Self::NotRequired => "報告対象外",
        }
    }

    pub fn reports(self) -> bool {
        matches!(self, Self::Required | Self::GuidelineAsks)
    }
}

/// The decision for one incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub body: BodyKind,
    /// Every row checked, 番号法's first.
    pub rows: Vec<Ground>,
    pub my_number_act: Obligation,
    pub appi: Obligation,
    /// 30 or 60 (規則第2条2号, or APPI's 不正目的).
    pub kakuho_days: u32,
    /// B with a 委託事業主's data: may notify the 委託元 instead of reporting (番号法第29条の4
    /// 第1項ただし書, 規則第4条).
    pub may_notify_principal: bool,
    /// C: 事態報告書 (様式第1号) to the 理事長 and 事故報告書 (様式第2号) to the 連合会.
    pub kyosai_forms: bool,
    /// The summary lines: what to do and why.
    pub reasons: Vec<String>,
}

impl Decision {
    /// Reported under either law (a guideline's ask counts).
    pub fn reportable(&self) -> bool {
        self.my_number_act.reports() || self.appi.reports()
    }

    /// The rows that apply (the 「規則第2条各号該当性」 of the report).
    pub fn basis(&self) -> Vec<&'static str> {
        self.rows
            .iter()
            .filter(|g| g.applies)
            .map(|g| g.code)
            .collect()
    }

    /// Reportable by the number of persons alone (規則第2条4号, or APPI's count line): such an
    /// incident is reportable from the day the count was known to pass the line.
    pub fn by_count_only(&self) -> bool {
        let applying: Vec<&Ground> = self.rows.iter().filter(|g| g.applies).collect();
        !applying.is_empty()
            && applying
                .iter()
                .all(|g| g.code == "規則第2条4号" || g.code.ends_with("人超）"))
    }
}

/// The rows whose application makes the 確報 due in 60 days.
const PURPOSE_ROW: &str = "規則第2条2号";
const APPI_PURPOSE_ROW: &str = "個人情報保護法（不正の目的）";

/// What happened, as the rows read it.
struct Reading {
    /// A 漏えい等 happened at all (recovered or encrypted or not).
    any_leak: bool,
    /// A 漏えい等 that counts: not recovered before viewed, not under 高度な暗号化.
    leak: bool,
    use_: bool,
    provision: bool,
    public: bool,
    exclusion: Option<&'static str>,
}

fn read(f: &IncidentFacts) -> Reading {
    let has = |s: Situation| f.situations.contains(&s);
    let public = f.public_viewing || has(Situation::PublicViewing);
    let any_leak = f.situations.iter().any(|s| s.is_leak_etc()) || public;
    // Recovery before anyone saw it undoes a 漏えい, not a 滅失 or 毀損.
    let unrecovered = has(Situation::Loss)
        || has(Situation::Damage)
        || public
        || (has(Situation::Leak) && !f.recovered_before_viewed);
    let exclusion = if any_leak && f.encrypted_key_safe {
        Some("高度な暗号化がされ、鍵も漏れていないため、漏えい等の報告対象から除かれます")
    } else if any_leak && !unrecovered {
        Some("閲覧される前に回収したため、漏えいに当たりません")
    } else {
        None
    };
    Reading {
        any_leak,
        leak: any_leak && unrecovered && !f.encrypted_key_safe,
        use_: has(Situation::UnlawfulUse),
        provision: has(Situation::UnlawfulProvision),
        public: public && !f.encrypted_key_safe,
        exclusion,
    }
}

fn row(law: Law, code: &'static str, applies: bool, reason: impl Into<String>) -> Ground {
    Ground {
        law,
        code,
        applies,
        reason: reason.into(),
    }
}

/// Checks every row for `facts` of a body of kind `body`.
pub fn decide(body: BodyKind, facts: &IncidentFacts) -> Decision {
    let r = read(facts);
    let mut rows = my_number_rows(body, facts, &r);
    let appi_rows = appi_rows(body, facts, &r);
    let act_applies = rows.iter().any(|g| g.applies);
    let appi_applies = appi_rows.iter().any(|g| g.applies);
    let purpose_applies = rows
        .iter()
        .chain(&appi_rows)
        .any(|g| g.applies && (g.code == PURPOSE_ROW || g.code == APPI_PURPOSE_ROW));
    rows.extend(appi_rows);

    let happened = r.any_leak || r.use_ || r.provision;
    let my_number_act = if act_applies {
        Obligation::Required
    } else if !happened || (r.exclusion.is_some() && !r.use_ && !r.provision) {
        Obligation::NotRequired
    } else if body == BodyKind::Jimukumiai {
        Obligation::GuidelineAsks
    } else {
        Obligation::Effort
    };
    let appi = if appi_applies {
        Obligation::Required
    } else {
        Obligation::NotRequired
    };
    let kakuho_days = if purpose_applies { 60 } else { 30 };
    let may_notify_principal =
        body == BodyKind::Roudouhoken && facts.principal_data && my_number_act.reports();

    let mut reasons = Vec::new();
    match my_number_act {
        Obligation::Required => reasons.push(format!(
            "番号法: 報告義務があります（{}）。",
            rows.iter()
                .filter(|g| g.applies && g.law == Law::MyNumberAct)
                .map(|g| g.code)
                .collect::<Vec<_>>()
                .join("・")
        )),
        Obligation::GuidelineAsks => reasons.push(
            "番号法: 規則第2条の各号には当たりませんが、行政機関等はガイドライン（行政機関等編 別添2）により特定個人情報の漏えい等をすべて報告します。".into(),
        ),
        Obligation::Effort => reasons.push(
            "番号法: 規則第2条の各号には当たらないため報告義務はありませんが、報告するよう努めます。".into(),
        ),
        Obligation::NotRequired => reasons.push(match r.exclusion {
            Some(why) => format!("番号法: {why}。"),
            None => "番号法: 報告の対象となる事態がありません。".into(),
        }),
    }
    reasons.push(match appi {
        Obligation::Required => format!(
            "個人情報保護法: {}として報告義務があります。",
            body.appi_role()
        ),
        _ => "個人情報保護法: 報告義務のある事態には当たりません。".into(),
    });
    if my_number_act.reports() || appi.reports() {
        reasons.push(format!(
            "確報は知った日から{kakuho_days}日以内（{}）。",
            if kakuho_days == 60 {
                "不正の目的によるもの"
            } else {
                "不正の目的によるもの以外"
            }
        ));
    }
    if may_notify_principal {
        reasons.push(
            "委託事業主から預かった特定個人情報のため、委託元（委託事業主）へ通知すれば、報告は委託元が行います（番号法第29条の4第1項ただし書）。".into(),
        );
    }
    let kyosai_forms = body == BodyKind::Kyosai && happened;
    if kyosai_forms {
        reasons.push("共済組合: 事態報告書（様式第1号）を理事長へ、事故報告書（様式第2号）を連合会へ提出します。".into());
    }
    Decision {
        body,
        rows,
        my_number_act,
        appi,
        kakuho_days,
        may_notify_principal,
        kyosai_forms,
        reasons,
    }
}

fn my_number_rows(body: BodyKind, f: &IncidentFacts, r: &Reading) -> Vec<Ground> {
    let law = Law::MyNumberAct;
    let leak_reason = |yes: &str| -> String {
        if r.leak {
            yes.to_owned()
        } else if let Some(why) = r.exclusion {
            format!("{why}。")
        } else {
            "漏えい・滅失・毀損がありません。".to_owned()
        }
    };
    let system = |kind: SystemKind, code: &'static str| -> Ground {
        if f.system != Some(kind) {
            return row(
                law,
                code,
                false,
                format!("{}からではありません。", kind.label()),
            );
        }
        if kind == SystemKind::LocalGovSystem && body != BodyKind::Jimukumiai {
            return row(
                law,
                code,
                false,
                format!("ハは地方公共団体等（一部事務組合・広域連合を含む）の情報システムに限られ、{}には当たりません。", body.label()),
            );
        }
        row(
            law,
            code,
            r.leak,
            leak_reason(&format!(
                "{}からの漏えい等は、人数にかかわらず報告対象です。",
                kind.label()
            )),
        )
    };
    let mut rows = vec![
        system(SystemKind::InfoNetwork, "規則第2条1号イ"),
        system(SystemKind::UsageSystem, "規則第2条1号ロ"),
        system(SystemKind::LocalGovSystem, "規則第2条1号ハ"),
    ];
    let purpose_acts: Vec<&str> = [
        (r.any_leak, "漏えい等（イ）"),
        (r.use_, "利用（ロ）"),
        (r.provision, "提供（ハ）"),
    ]
    .into_iter()
    .filter_map(|(yes, what)| yes.then_some(what))
    .collect();
    rows.push(if !f.unlawful_purpose {
        row(law, PURPOSE_ROW, false, "不正の目的をもって行われたおそれはありません。")
    } else if purpose_acts.is_empty() {
        row(law, PURPOSE_ROW, false, "不正の目的のおそれはありますが、漏えい等・利用・提供がありません。")
    } else {
        row(
            law,
            PURPOSE_ROW,
            true,
            format!(
                "不正の目的をもって行われたおそれがある{}です（暗号化や回収にかかわらず報告対象。確報は60日以内）。",
                purpose_acts.join("・")
            ),
        )
    });
    rows.push(if r.public {
        row(law, "規則第2条3号", true, "電磁的方法により不特定多数の者に閲覧された（おそれがある）ため、人数にかかわらず報告対象です。")
    } else if f.public_viewing || f.situations.contains(&Situation::PublicViewing) {
        row(law, "規則第2条3号", false, leak_reason(""))
    } else {
        row(law, "規則第2条3号", false, "不特定多数の者が閲覧できる状態にはなっていません。")
    });
    let n = f.persons;
    let over = n.count > 100;
    let acts: Vec<&str> = [
        (r.leak, "漏えい等（イ）"),
        (r.use_, "第9条に反する利用（ロ）"),
        (r.provision, "第19条に反する提供（ハ）"),
    ]
    .into_iter()
    .filter_map(|(yes, what)| yes.then_some(what))
    .collect();
    rows.push(if !over {
        row(
            law,
            "規則第2条4号",
            false,
            format!("本人の数が{}で、100人を超えていません。", n.label()),
        )
    } else if acts.is_empty() {
        row(
            law,
            "規則第2条4号",
            false,
            format!("本人の数は{}ですが、{}", n.label(), leak_reason("")),
        )
    } else {
        row(
            law,
            "規則第2条4号",
            true,
            format!(
                "本人の数が{}で100人を超える{}です{}。",
                n.label(),
                acts.join("・"),
                if n.confirmed {
                    ""
                } else {
                    "（人数が確定しないときは最大の数で判断します）"
                }
            ),
        )
    });
    rows
}

fn appi_rows(body: BodyKind, f: &IncidentFacts, r: &Reading) -> Vec<Ground> {
    let law = Law::Appi;
    let not_counted = |yes: bool, what: &str| -> String {
        match (yes, r.exclusion) {
            (false, _) => format!("{what}ではありません。"),
            (true, Some(why)) => format!("{what}ですが、{why}。"),
            (true, None) => "漏えい・滅失・毀損がありません。".into(),
        }
    };
    let sensitive = f.sensitive || (body == BodyKind::Kyosai && f.short_term_benefit);
    let mut rows = vec![
        row(
            law,
            "個人情報保護法（要配慮個人情報）",
            sensitive && r.leak,
            if sensitive && r.leak {
                if f.sensitive {
                    "要配慮個人情報の漏えい等です（1人でも報告対象）。".to_owned()
                } else {
                    "短期給付の情報（病気・けが）は要配慮個人情報です（1人でも報告対象）。"
                        .to_owned()
                }
            } else {
                not_counted(sensitive, "要配慮個人情報の漏えい等")
            },
        ),
        row(
            law,
            "個人情報保護法（財産的被害）",
            f.financial_damage && r.leak,
            if f.financial_damage && r.leak {
                "不正に利用されることにより財産的被害が生じるおそれがあります。".to_owned()
            } else {
                not_counted(f.financial_damage, "財産的被害のおそれがある漏えい等")
            },
        ),
        row(
            law,
            APPI_PURPOSE_ROW,
            f.unlawful_purpose && r.any_leak,
            if f.unlawful_purpose && r.any_leak {
                "不正の目的をもって行われたおそれがある漏えい等です。".to_owned()
            } else {
                "不正の目的をもって行われたおそれがある漏えい等ではありません。".to_owned()
            },
        ),
    ];
    let limit = body.appi_threshold();
    let over = f.persons.count > limit;
    rows.push(row(
        law,
        if limit == 100 {
            "個人情報保護法（100人超）"
        } else {
            "個人情報保護法（1,000人超）"
        },
        over && r.leak,
        if over && r.leak {
            format!(
                "本人の数が{}で、{}の基準（{limit}人超）を超えています。",
                f.persons.label(),
                body.appi_role()
            )
        } else if over {
            not_counted(true, "人数の基準を超える漏えい等")
        } else {
            format!(
                "本人の数が{}で、{}の基準（{limit}人超）を超えていません。",
                f.persons.label(),
                body.appi_role()
            )
        },
    ));
    if body == BodyKind::Jimukumiai {
        rows.push(row(
            law,
            "個人情報保護法（条例要配慮個人情報）",
            f.ordinance_sensitive && r.leak,
            if f.ordinance_sensitive && r.leak {
                "条例要配慮個人情報の漏えい等です。".to_owned()
            } else {
                not_counted(f.ordinance_sensitive, "条例要配慮個人情報の漏えい等")
            },
        ));
    }
    rows
}
