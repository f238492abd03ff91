//! The demo office's contractors: who they are, their contracts' clauses, and a 評価シート
//! every year (新規 once, then 再評価), finalised by the officer — the last three years.

use chrono::NaiveDate;

use super::calendar::{fiscal_year_of, workday, ymd};
use super::office::RECYCLER;
use kiroku_api::{ApiError, NewContractor, Session};

/// One demo contractor and how its sheets come out.
struct DemoContractor {
    name: &'static str,
    pattern: &'static str,
    work: &'static str,
    data: &'static str,
    manager: &'static str,
    /// A P-mark number (valid for two years past today).
    pmark: Option<&'static str>,
    /// Its 再委託元 among the earlier ones (index).
    parent: Option<usize>,
    /// Items judged B (with the improvement) on the first sheet.
    first_b: &'static [(u8, &'static str)],
}

const CONTRACTORS: [DemoContractor; 4] = [
    DemoContractor {
        name: "株式会社みどり情報システム",
        pattern: "I",
        work: "給与システムの保守・年末調整計算の代行",
        data: "職員及び扶養親族の個人番号、氏名、生年月日、給与額",
        manager: "システム部 課長 石田 和夫",
        pmark: Some("10823456(04)"),
        parent: None,
        first_b: &[],
    },
    DemoContractor {
        name: "みどりデータセンター株式会社",
        pattern: "II",
        work: "給与システムのサーバ設置・運用（クラウド）",
        data: "給与システムのデータ一式（暗号化済み）",
        manager: "運用部 部長 松本 理恵",
        pmark: None,
        parent: Some(0),
        first_b: &[(19, "災害時手順書を今年度中に改訂し、写しを提出させる")],
    },
    DemoContractor {
        name: RECYCLER,
        pattern: "I",
        work: "保存期間を経過した書類の溶解処理",
        data: "扶養控除等申告書など個人番号が記載された書類（封緘した箱）",
        manager: "業務課 主任 小川 誠",
        pmark: None,
        parent: None,
        first_b: &[(10, "受渡し記録簿の様式を定め、搬出ごとに署名させる")],
    },
    DemoContractor {
        name: "みどり警備保障株式会社",
        pattern: "IV",
        work: "庁舎の夜間警備",
        data: "なし（事務室に立ち入る機会がある）",
        manager: "営業所長 森 健太",
        pmark: None,
        parent: None,
        first_b: &[],
    },
];

/// The clauses ticked in every demo contract (001 第14条(5) and 反社会的勢力).
const TICKED: [&str; 8] = [
    "001-5-1", "001-5-2", "001-5-3", "001-5-4", "001-5-5", "001-5-6", "001-5-7", "002-3-6",
];

/// Registers the contractors and evaluates them each April of the last three fiscal years up
/// to `today`. Returns (contractors, evaluations).
pub(super) fn register(officer: &mut Session, today: NaiveDate) -> Result<(u64, u64), ApiError> {
    let fy_now = fiscal_year_of(today);
    let first_fy = fy_now - 2;
    let contract_day = workday(ymd(first_fy, 4, 1));
    let mut ids = Vec::new();
    let mut sheets = 0u64;
    for c in &CONTRACTORS {
        let view = officer.add_contractor(&NewContractor {
            name: c.name.into(),
            pattern: c.pattern.into(),
            manager: Some(c.manager.into()),
            work: Some(c.work.into()),
            data: Some(c.data.into()),
            pmark: c.pmark.map(str::to_owned),
            pmark_expiry: c
                .pmark
                .map(|_| ymd(fiscal_year_of(today) + 2, 3, 31).to_string()),
            leak_2y: Some(false),
            parent: c
                .parent
                .map(|p: usize| ids[p])
                .map(|id: i64| id.to_string()),
            approved_on: c.parent.map(|_| contract_day.to_string()),
            ..NewContractor::default()
        })?;
        ids.push(view.id);
        for clause in TICKED {
            officer.set_clause(view.id, clause, "業務委託契約書", &contract_day.to_string())?;
        }
        for fy in first_fy..=fy_now {
            let day = workday(ymd(fy, 4, 10));
            if day > today {
                continue;
            }
            let sheet = officer.new_evaluation(view.id, fy != first_fy, Some(&day.to_string()))?;
            sheets += 1;
            if !sheet.shortcut {
                let b: &[(u8, &str)] = if fy == first_fy { c.first_b } else { &[] };
                let judgments: Vec<(String, String)> = sheet
                    .items
                    .iter()
                    .map(|i| {
                        let j = match (i.applies, b.iter().any(|(n, _)| *n == i.no)) {
                            (false, _) => "—",
                            (true, true) => "B",
                            (true, false) => "A",
                        };
                        (i.no.to_string(), j.to_owned())
                    })
                    .collect();
                let improvements: Vec<(String, String)> = b
                    .iter()
                    .map(|(n, t)| (n.to_string(), (*t).to_owned()))
                    .collect();
                officer.set_judgments(sheet.id, &judgments, &improvements)?;
            }
            officer.finalize_evaluation(sheet.id)?;
            if fy == first_fy {
                for (n, _) in c.first_b {
                    let confirmed = workday(ymd(fy, 9, 30));
                    if confirmed <= today {
                        officer.confirm_improvement(
                            sheet.id,
                            &n.to_string(),
                            Some(&confirmed.to_string()),
                        )?;
                    }
                }
            }
        }
    }
    Ok((ids.len() as u64, sheets))
}
