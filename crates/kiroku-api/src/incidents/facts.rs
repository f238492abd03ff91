//! The officer's facts (事実確認): each change is the incident's next version with its reason.
//! Only the fields given change; lists given replace the stored ones.

use kiroku_core::audit::AuditAction;
use kiroku_core::field::optional_text;
use kiroku_core::incident::{
    CauseActor, Containment, IncidentRecord, OfficerFacts, PersonCount, Prevention, Situation,
    SystemKind,
};
use kiroku_core::{wareki, FieldError};
use kiroku_store::table::{audit, incidents};
use kiroku_store::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{input, IncidentView};
use crate::correction::amend_reason;
use crate::lookup::{self, Asked};
use crate::{ApiError, Session};

/// 封じ込め等の措置, as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ContainmentInput {
    pub on: String,
    pub time: Option<String>,
    pub action: String,
}

/// 再発防止策, as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PreventionInput {
    pub measure: String,
    pub done: bool,
    pub owner: Option<String>,
    pub due: Option<String>,
}

/// A change of the officer's facts: the fields given replace the stored ones.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IncidentChanges {
    pub reason: String,
    pub occurred_from: Option<String>,
    pub occurred_to: Option<String>,
    /// 事態: `leak` `loss` `damage` `unlawful_use` `unlawful_provision` `public_viewing`.
    pub situations: Option<Vec<String>>,
    /// 規則第2条1号の情報システム: `info_network` | `usage_system` | `local_gov_system` | "" (none).
    pub system: Option<String>,
    pub unlawful_purpose: Option<bool>,
    pub public_viewing: Option<bool>,
    /// 本人の数 as typed.
    pub persons_count: Option<String>,
    /// `false`: the count is the maximum possible (最大).
    pub persons_confirmed: Option<bool>,
    /// The day the count was known to pass 100, when later than 知った日 ("" clears it).
    pub count_known_on: Option<String>,
    pub grounds_note: Option<String>,
    pub items: Option<String>,
    pub ledger_nos: Option<Vec<i64>>,
    pub person_ids: Option<Vec<i64>>,
    pub contractor_ids: Option<Vec<i64>>,
    pub cause: Option<String>,
    /// `staff` | `contractor` | `outsider` | `unknown`
    pub cause_actor: Option<String>,
    pub secondary_damage: Option<String>,
    pub encrypted_key_safe: Option<bool>,
    pub recovered_before_viewed: Option<bool>,
    pub sensitive: Option<bool>,
    pub financial_damage: Option<bool>,
    pub ordinance_sensitive: Option<bool>,
    pub principal_data: Option<bool>,
    pub short_term_benefit: Option<bool>,
    pub containment: Option<Vec<ContainmentInput>>,
    pub prevention: Option<Vec<PreventionInput>>,
    pub publication: Option<String>,
    pub other: Option<String>,
}

fn text(
    field: &'static str,
    v: &Option<String>,
    max: usize,
    into: &mut Option<String>,
) -> Result<(), FieldError> {
    if let Some(v) = v {
        *into = optional_text(field, v, max)?;
    }
    Ok(())
}

fn flag(v: Option<bool>, into: &mut bool) {
    if let Some(v) = v {
        *into = v;
    }
}

impl IncidentChanges {
    /// `facts` with these changes, every value checked.
    fn apply(
        &self,
        conn: &Connection,
        mut f: OfficerFacts,
        today: chrono::NaiveDate,
    ) -> Result<OfficerFacts, ApiError> {
        let date =
            |field: &'static str, v: &str| -> Result<Option<chrono::NaiveDate>, FieldError> {
                if v.trim().is_empty() {
                    Ok(None)
                } else {
                    wareki::parse_happened(field, v, today).map(Some)
                }
            };
        if let Some(v) = &self.occurred_from {
            f.occurred_from = date("発生日", v)?;
        }
        if let Some(v) = &self.occurred_to {
            f.occurred_to = date("発生日（終わり）", v)?;
        }
        if let (Some(a), Some(b)) = (f.occurred_from, f.occurred_to) {
            if b < a {
                return Err(FieldError::new(
                    "発生日（終わり）",
                    "発生日の終わりが始まりより前です。",
                )
                .into());
            }
        }
        if let Some(list) = &self.situations {
            f.situations = list
                .iter()
                .map(|s| {
                    kiroku_core::guard::check_field("事態", s)?;
                    Situation::parse(s).ok_or_else(|| {
                        FieldError::new(
                            "事態",
                            format!("「{s}」は事態として選べません。漏えい・滅失・毀損・不正利用・不正提供・不特定多数閲覧から選んでください。"),
                        )
                    })
                })
                .collect::<Result<_, _>>()?;
        }
        if let Some(s) = &self.system {
            kiroku_core::guard::check_field("情報システム", s)?;
            f.system = if s.trim().is_empty() {
                None
            } else {
                Some(SystemKind::parse(s).ok_or_else(|| {
                    FieldError::new("情報システム", "情報提供ネットワークシステム・個人番号利用事務の情報システム・地方公共団体等の個人番号関係事務の情報システムのどれか（当たらなければ空欄）を選んでください。")
                })?)
            };
        }
        flag(self.unlawful_purpose, &mut f.unlawful_purpose);
        flag(self.public_viewing, &mut f.public_viewing);
        if let Some(n) = &self.persons_count {
            f.persons = if n.trim().is_empty() {
                None
            } else {
                Some(PersonCount {
                    count: input::count("本人の数", n)?,
                    confirmed: self
                        .persons_confirmed
                        .or(f.persons.map(|p| p.confirmed))
                        .unwrap_or(true),
                })
            };
        } else if let (Some(c), Some(p)) = (self.persons_confirmed, f.persons.as_mut()) {
            p.confirmed = c;
        }
        if let Some(v) = &self.count_known_on {
            f.count_known_on = date("100人を超えると知った日", v)?;
        }
        text(
            "各号該当性の判断",
            &self.grounds_note,
            1000,
            &mut f.grounds_note,
        )?;
        text("特定個人情報の項目", &self.items, 500, &mut f.items)?;
        if let Some(nos) = &self.ledger_nos {
            for &no in nos {
                lookup::ledger_entry(conn, no, Asked::InField)?;
            }
            f.ledger_nos.clone_from(nos);
        }
        if let Some(ids) = &self.person_ids {
            lookup::refuse_repeats("本人", ids)?;
            for &id in ids {
                lookup::person(conn, id, Asked::InField)?;
            }
            f.person_ids.clone_from(ids);
        }
        if let Some(ids) = &self.contractor_ids {
            for &id in ids {
                lookup::contractor(conn, id)?;
            }
            f.contractor_ids.clone_from(ids);
        }
        text("原因", &self.cause, 1000, &mut f.cause)?;
        if let Some(a) = &self.cause_actor {
            kiroku_core::guard::check_field("原因を作った者", a)?;
            f.cause_actor = if a.trim().is_empty() {
                None
            } else {
                Some(CauseActor::parse(a).ok_or_else(|| {
                    FieldError::new(
                        "原因を作った者",
                        "職員・委託先・外部の者・不明のどれかを選んでください。",
                    )
                })?)
            };
        }
        text(
            "二次被害",
            &self.secondary_damage,
            1000,
            &mut f.secondary_damage,
        )?;
        flag(self.encrypted_key_safe, &mut f.encrypted_key_safe);
        flag(self.recovered_before_viewed, &mut f.recovered_before_viewed);
        flag(self.sensitive, &mut f.sensitive);
        flag(self.financial_damage, &mut f.financial_damage);
        flag(self.ordinance_sensitive, &mut f.ordinance_sensitive);
        flag(self.principal_data, &mut f.principal_data);
        flag(self.short_term_benefit, &mut f.short_term_benefit);
        if let Some(list) = &self.containment {
            f.containment = list
                .iter()
                .map(|c| {
                    Ok(Containment {
                        on: wareki::parse_happened("措置の日", &c.on, today)?,
                        time: input::time("措置の時刻", c.time.as_deref().unwrap_or(""))?,
                        action: kiroku_core::field::required_text("措置の内容", &c.action, 500)?,
                    })
                })
                .collect::<Result<_, FieldError>>()?;
        }
        if let Some(list) = &self.prevention {
            f.prevention = list
                .iter()
                .map(|p| {
                    Ok(Prevention {
                        measure: kiroku_core::field::required_text("再発防止策", &p.measure, 500)?,
                        done: p.done,
                        owner: optional_text("担当", p.owner.as_deref().unwrap_or(""), 50)?,
                        due: match p.due.as_deref().map(str::trim) {
                            None | Some("") => None,
                            Some(d) => Some(wareki::parse("期限", d)?),
                        },
                    })
                })
                .collect::<Result<_, FieldError>>()?;
        }
        text("公表", &self.publication, 500, &mut f.publication)?;
        text("その他", &self.other, 1000, &mut f.other)?;
        Ok(f)
    }
}

impl Session {
    /// The officer's facts, changed: the next version with the reason.
    pub fn update_incident(
        &mut self,
        id: i64,
        changes: &IncidentChanges,
    ) -> Result<IncidentView, ApiError> {
        self.require_officer("事案の事実確認")?;
        let reason = amend_reason(&changes.reason)?;
        let today = self.today();
        let stamp = self.stamp();
        self.vault.write(|tx| -> Result<(), ApiError> {
            let current = super::current(tx, id)?;
            super::refuse_closed(&current)?;
            let facts = changes.apply(tx, current.record.facts.clone(), today)?;
            if facts == current.record.facts {
                return Err(FieldError::new("事案", "変更する項目がありません。").into());
            }
            let record = IncidentRecord {
                first: current.record.first.clone(),
                facts,
            };
            let version = current.version + 1;
            incidents::add_version(
                tx,
                id,
                version,
                &record,
                current.status,
                Some(&reason),
                stamp.at,
                &stamp.actor,
            )?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Amend,
                    format!("incident:{id}"),
                    format!("第{version}版: {reason}"),
                ),
            )?;
            Ok(())
        })?;
        self.incident_view(id)
    }
}
