//! The cast of the demo office: what someone is to the office, the people and dependents as
//! planned, and the names to draw from.

use chrono::{Datelike, NaiveDate};
use std::collections::HashSet;

/// What someone is to the office (and so which 関係事務 handle their number).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Staff,
    Director,
    Councillor,
    Lecturer,
    Firefighter,
    EmployerStaff,
}

impl Role {
    /// The person kind the API registers them as.
    pub(super) fn kind(self) -> &'static str {
        match self {
            Role::Staff => "staff",
            Role::Director => "director",
            Role::Councillor => "councillor",
            Role::Lecturer | Role::Firefighter => "third_party",
            Role::EmployerStaff => "employer_staff",
        }
    }
}

/// A dependent (扶養家族) as planned.
#[derive(Debug, Clone)]
pub(super) struct PlannedDependent {
    pub(super) name: String,
    pub(super) relation: String,
    /// A spouse who is a 国民年金第3号被保険者.
    pub(super) third_insured: bool,
    /// Registered with the person (false: born during the demo, registered at the birth).
    pub(super) initial: bool,
}

/// A person (本人) as planned: who they are, from when, until when, with whom.
#[derive(Debug, Clone)]
pub(super) struct PlannedPerson {
    pub(super) role: Role,
    pub(super) name: String,
    pub(super) family: &'static str,
    pub(super) female: bool,
    pub(super) dept: Option<String>,
    pub(super) employer: Option<&'static str>,
    pub(super) municipality: &'static str,
    /// 会計年度任用職員 (雇用保険, 健康保険・厚生年金保険).
    pub(super) temporary: bool,
    pub(super) from: NaiveDate,
    pub(super) left: Option<NaiveDate>,
    pub(super) dependents: Vec<PlannedDependent>,
}

impl PlannedPerson {
    /// Whether they are with the office on `on`.
    pub(super) fn active(&self, on: NaiveDate) -> bool {
        self.from <= on && self.left.is_none_or(|l| on <= l)
    }

    /// Whether they were paid in calendar year `year`.
    pub(super) fn paid_in(&self, year: i32) -> bool {
        self.from.year() <= year && self.left.is_none_or(|l| l.year() >= year)
    }

    /// How many of their dependents are children.
    pub(super) fn children(&self) -> usize {
        self.dependents
            .iter()
            .filter(|d| {
                d.relation.starts_with('長')
                    || d.relation.starts_with('次')
                    || d.relation.starts_with('三')
            })
            .count()
    }
}

const FAMILY: &str = "\
     佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 \
     佐々木 山口 松本 井上 木村 林 斎藤 清水 山崎 森 池田 橋本 阿部 \
     石川 山下 中島 石井 小川 前田 岡田 長谷川 藤田 後藤 近藤 村上 \
     遠藤 青木 坂本 福田 太田 西村 藤井 金子 岡本 藤原 中野 三浦 原田 \
     中川 松田 竹内 小野 田村 和田 石田 森田 上田 柴田";
const MALE: &str = "\
     翔太 大輔 健太 拓也 直樹 和也 達也 誠 浩二 哲也 隆 剛 修 博之 \
     健一 裕太 亮 大樹 雄一 智也 陽介 悠斗 蓮 湊 大和 悠真 陽翔 樹 \
     颯太 蒼 正樹 秀樹 俊介 康弘 英明 光太郎 慎也 涼 航 優斗";
const FEMALE: &str = "\
     美咲 陽子 恵子 裕子 由美 真由美 明美 久美子 智子 直美 さくら 彩 \
     愛 結衣 陽菜 美月 葵 凛 結菜 莉子 芽依 紗希 奈々 千尋 麻衣 香織 \
     沙織 舞 瞳 涼子 花子 優子 純子 幸子 京子 理恵 友美 綾香 楓 杏";

/// The names to draw from, and the full names given out already.
pub(super) struct Names {
    pub(super) family: Vec<&'static str>,
    pub(super) male: Vec<&'static str>,
    pub(super) female: Vec<&'static str>,
    pub(super) used: HashSet<String>,
}

impl Names {
    pub(super) fn new() -> Self {
        let words = |list: &'static str| list.split_whitespace().collect();
        Self {
            family: words(FAMILY),
            male: words(MALE),
            female: words(FEMALE),
            used: HashSet::new(),
        }
    }
}
