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

/// The reading (フリガナ) of every name above, `字=ヨミ`.
const READINGS: &str = "\
     佐藤=サトウ 鈴木=スズキ 高橋=タカハシ 田中=タナカ 伊藤=イトウ 渡辺=ワタナベ 山本=ヤマモト \
     中村=ナカムラ 小林=コバヤシ 加藤=カトウ 吉田=ヨシダ 山田=ヤマダ 佐々木=ササキ 山口=ヤマグチ \
     松本=マツモト 井上=イノウエ 木村=キムラ 林=ハヤシ 斎藤=サイトウ 清水=シミズ 山崎=ヤマザキ \
     森=モリ 池田=イケダ 橋本=ハシモト 阿部=アベ 石川=イシカワ 山下=ヤマシタ 中島=ナカジマ \
     石井=イシイ 小川=オガワ 前田=マエダ 岡田=オカダ 長谷川=ハセガワ 藤田=フジタ 後藤=ゴトウ \
     近藤=コンドウ 村上=ムラカミ 遠藤=エンドウ 青木=アオキ 坂本=サカモト 福田=フクダ 太田=オオタ \
     西村=ニシムラ 藤井=フジイ 金子=カネコ 岡本=オカモト 藤原=フジワラ 中野=ナカノ 三浦=ミウラ \
     原田=ハラダ 中川=ナカガワ 松田=マツダ 竹内=タケウチ 小野=オノ 田村=タムラ 和田=ワダ \
     石田=イシダ 森田=モリタ 上田=ウエダ 柴田=シバタ \
     翔太=ショウタ 大輔=ダイスケ 健太=ケンタ 拓也=タクヤ 直樹=ナオキ 和也=カズヤ 達也=タツヤ \
     誠=マコト 浩二=コウジ 哲也=テツヤ 隆=タカシ 剛=ツヨシ 修=オサム 博之=ヒロユキ 健一=ケンイチ \
     裕太=ユウタ 亮=リョウ 大樹=ダイキ 雄一=ユウイチ 智也=トモヤ 陽介=ヨウスケ 悠斗=ユウト 蓮=レン \
     湊=ミナト 大和=ヤマト 悠真=ユウマ 陽翔=ハルト 樹=イツキ 颯太=ソウタ 蒼=アオイ 正樹=マサキ \
     秀樹=ヒデキ 俊介=シュンスケ 康弘=ヤスヒロ 英明=ヒデアキ 光太郎=コウタロウ 慎也=シンヤ 涼=リョウ \
     航=ワタル 優斗=ユウト \
     美咲=ミサキ 陽子=ヨウコ 恵子=ケイコ 裕子=ユウコ 由美=ユミ 真由美=マユミ 明美=アケミ \
     久美子=クミコ 智子=トモコ 直美=ナオミ さくら=サクラ 彩=アヤ 愛=アイ 結衣=ユイ 陽菜=ヒナ \
     美月=ミヅキ 葵=アオイ 凛=リン 結菜=ユイナ 莉子=リコ 芽依=メイ 紗希=サキ 奈々=ナナ 千尋=チヒロ \
     麻衣=マイ 香織=カオリ 沙織=サオリ 舞=マイ 瞳=ヒトミ 涼子=リョウコ 花子=ハナコ 優子=ユウコ \
     純子=ジュンコ 幸子=サチコ 京子=キョウコ 理恵=リエ 友美=トモミ 綾香=アヤカ 楓=カエデ 杏=アン";

/// The フリガナ of a full name drawn from the lists above (`family given`), if every part has
/// a reading.
pub(super) fn kana_of(full_name: &str) -> Option<String> {
    let reading = |word: &str| {
        READINGS
            .split_whitespace()
            .filter_map(|pair| pair.split_once('='))
            .find(|(kanji, _)| *kanji == word)
            .map(|(_, kana)| kana)
    };
    let parts: Option<Vec<&str>> = full_name.split_whitespace().map(reading).collect();
    parts.map(|p| p.join(" "))
}

#[cfg(test)]
mod reading_tests {
    use super::*;

    #[test]
    fn every_name_the_demo_draws_has_a_reading() {
        for list in [FAMILY, MALE, FEMALE] {
            for word in list.split_whitespace() {
                assert!(kana_of(word).is_some(), "{word} has no reading");
            }
        }
        assert_eq!(
            kana_of("佐々木 光太郎").as_deref(),
            Some("ササキ コウタロウ")
        );
    }
}
