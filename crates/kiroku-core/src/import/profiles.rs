//! The kinds of sheet offices bring (DOMAIN.md §12), with the captions real offices write:
//! a payroll staff list ([`STAFF`]), the 管理台帳 of 002 別紙2 ([`LEDGER`]) and the 取扱記録表
//! of 002 別紙1 ([`HANDLING_LOG`]).

use super::header::{FieldSpec, Profile, MY_NUMBER_KEY};

/// Field keys of [`STAFF`].
pub mod staff_key {
    /// 社員番号
    pub const STAFF_NO: &str = "staff_no";
    /// 所属
    pub const DEPT: &str = "dept";
    /// 氏名
    pub const NAME: &str = "name";
    /// フリガナ
    pub const KANA: &str = "kana";
    /// 生年月日
    pub const BORN_ON: &str = "born_on";
    /// 入社日
    pub const JOINED_ON: &str = "joined_on";
    /// 退職日
    pub const LEFT_ON: &str = "left_on";
    /// 区分
    pub const KIND: &str = "kind";
    /// 委託事業主名 (for 委託事業主の従業員)
    pub const EMPLOYER: &str = "employer";
    /// 続柄
    pub const RELATION: &str = "relation";
    /// 扶養家族氏名
    pub const DEPENDENT: &str = "dependent";
    /// 扶養家族の続柄
    pub const DEPENDENT_RELATION: &str = "dependent_relation";
    /// 扶養家族の生年月日
    pub const DEPENDENT_BORN_ON: &str = "dependent_born_on";
}

/// Field keys of [`LEDGER`].
pub mod ledger_key {
    /// NO.
    pub const NO: &str = "no";
    /// 名称（ファイルの種類・名称）
    pub const NAME: &str = "name";
    /// 特定個人情報の範囲
    pub const SCOPE: &str = "scope";
    /// 取扱部署
    pub const DEPT: &str = "dept";
    /// 責任者
    pub const OWNER: &str = "owner";
    /// 担当者（アクセス権を有する者）
    pub const HANDLERS: &str = "handlers";
    /// 利用目的
    pub const PURPOSE: &str = "purpose";
    /// 保存期間
    pub const RETENTION: &str = "retention";
    /// 廃棄・削除（方法・状況）
    pub const DISPOSAL: &str = "disposal";
    /// 保管場所
    pub const LOCATION: &str = "location";
    /// 媒体（紙・電子）
    pub const MEDIUM: &str = "medium";
}

/// Field keys of [`HANDLING_LOG`].
pub mod handling_key {
    /// 関係事務
    pub const AFFAIR: &str = "affair";
    /// 従業員氏名
    pub const PERSON: &str = "person";
    /// 所属
    pub const DEPT: &str = "dept";
    /// 扶養家族氏名
    pub const DEPENDENT: &str = "dependent";
    /// 個人番号取得日
    pub const ACQUIRED_ON: &str = "acquired_on";
    /// 本人確認方法
    pub const IDENTITY_CHECK: &str = "identity_check";
    /// 特定個人情報ファイルへの記載日等
    pub const RECORDED_ON: &str = "recorded_on";
    /// 担当
    pub const CLERK: &str = "clerk";
    /// 特定個人情報の利用及び持出
    pub const USES: &str = "uses";
    /// 廃棄・削除日
    pub const DISPOSAL: &str = "disposal";
}

/// A field that stands in one column and is optional.
const fn field(
    key: &'static str,
    label: &'static str,
    synonyms: &'static [&'static str],
) -> FieldSpec {
    FieldSpec {
        key,
        label,
        synonyms,
        required: false,
        repeats: false,
    }
}

/// A field the sheet must have.
const fn required(
    key: &'static str,
    label: &'static str,
    synonyms: &'static [&'static str],
) -> FieldSpec {
    FieldSpec {
        required: true,
        ..field(key, label, synonyms)
    }
}

/// A field that may stand in several columns.
const fn repeated(
    key: &'static str,
    label: &'static str,
    synonyms: &'static [&'static str],
) -> FieldSpec {
    FieldSpec {
        repeats: true,
        ..field(key, label, synonyms)
    }
}

/// 個人番号: a column recognised only so that the report can say it was not imported.
const MY_NUMBER: FieldSpec = repeated(
    MY_NUMBER_KEY,
    "個人番号",
    &[
        "マイナンバー",
        "個人番号（12桁）",
        "マイナンバー（12桁）",
        "個人番号（マイナンバー）",
        "本人個人番号",
        "本人の個人番号",
        "扶養家族個人番号",
        "扶養家族の個人番号",
        "扶養親族個人番号",
        "配偶者個人番号",
    ],
);

/// 職員名簿: 本人 and 扶養家族 from a payroll staff list. Dependants stand on extra rows or in
/// numbered groups of columns (扶養家族1氏名, 扶養家族1続柄, …).
pub static STAFF: Profile = Profile {
    name: "staff",
    label: "職員名簿",
    fields: &[
        field(
            staff_key::STAFF_NO,
            "社員番号",
            &[
                "職員番号",
                "個人コード",
                "従業員番号",
                "社員コード",
                "職員コード",
                "従業員コード",
                "社員No.",
                "職員No.",
                "従業員No.",
                "コード",
            ],
        ),
        field(
            staff_key::DEPT,
            "所属",
            &[
                "部署",
                "課",
                "所属部署",
                "所属課",
                "部課",
                "部門",
                "所属部門",
                "部課名",
                "所属名",
            ],
        ),
        required(
            staff_key::NAME,
            "氏名",
            &[
                "従業員氏名",
                "職員氏名",
                "社員氏名",
                "役職員氏名",
                "名前",
                "本人氏名",
                "氏名（漢字）",
                "漢字氏名",
            ],
        ),
        field(
            staff_key::KANA,
            "フリガナ",
            &[
                "ふりがな",
                "カナ氏名",
                "氏名カナ",
                "氏名フリガナ",
                "フリガナ氏名",
                "カナ",
                "よみがな",
                "ヨミガナ",
            ],
        ),
        field(
            staff_key::BORN_ON,
            "生年月日",
            &[
                "誕生日",
                "生年月日（和暦）",
                "生年月日（西暦）",
                "本人生年月日",
            ],
        ),
        field(
            staff_key::JOINED_ON,
            "入社日",
            &[
                "採用日",
                "入職日",
                "入社年月日",
                "採用年月日",
                "入職年月日",
                "就職日",
                "雇入日",
                "雇入年月日",
            ],
        ),
        field(
            staff_key::LEFT_ON,
            "退職日",
            &[
                "退職年月日",
                "離職日",
                "離職年月日",
                "退社日",
                "退社年月日",
                "退職日等",
            ],
        ),
        field(
            staff_key::EMPLOYER,
            "委託事業主",
            &["委託事業主名", "事業主名", "勤務先", "勤務先名"],
        ),
        field(
            staff_key::KIND,
            "区分",
            &["職種", "職員区分", "社員区分", "雇用区分", "身分", "種別"],
        ),
        field(
            staff_key::RELATION,
            "続柄",
            &["続き柄", "本人との続柄", "続柄（本人との関係）"],
        ),
        repeated(
            staff_key::DEPENDENT,
            "扶養家族氏名",
            &[
                "扶養親族氏名",
                "家族氏名",
                "扶養者氏名",
                "扶養家族",
                "扶養親族",
                "扶養",
                "扶養家族名",
                "扶養親族名",
            ],
        ),
        repeated(
            staff_key::DEPENDENT_RELATION,
            "扶養家族続柄",
            &[
                "扶養親族続柄",
                "家族続柄",
                "扶養続柄",
                "扶養家族の続柄",
                "扶養親族の続柄",
            ],
        ),
        repeated(
            staff_key::DEPENDENT_BORN_ON,
            "扶養家族生年月日",
            &[
                "扶養親族生年月日",
                "家族生年月日",
                "扶養生年月日",
                "扶養家族の生年月日",
                "扶養親族の生年月日",
            ],
        ),
        MY_NUMBER,
    ],
};

/// 特定個人情報管理台帳 (002 別紙2).
pub static LEDGER: Profile = Profile {
    name: "ledger",
    label: "特定個人情報管理台帳",
    fields: &[
        field(
            ledger_key::NO,
            "NO.",
            &["番号", "連番", "通番", "項番", "#"],
        ),
        required(
            ledger_key::NAME,
            "名称",
            &[
                "ファイルの種類・名称",
                "名称（ファイルの種類・名称）",
                "特定個人情報ファイル名",
                "特定個人情報ファイルの名称",
                "ファイル名",
                "ファイルの名称",
                "帳票名",
            ],
        ),
        field(
            ledger_key::SCOPE,
            "特定個人情報の範囲",
            &["範囲", "特定個人情報等の範囲", "記録項目", "記録される項目"],
        ),
        field(
            ledger_key::DEPT,
            "取扱部署",
            &[
                "取扱部門",
                "取り扱い部署",
                "取扱い部署",
                "担当部署",
                "所管課",
                "所管部署",
            ],
        ),
        field(
            ledger_key::OWNER,
            "責任者",
            &["事務取扱責任者", "管理責任者", "保護責任者"],
        ),
        field(
            ledger_key::HANDLERS,
            "担当者",
            &[
                "アクセス権を有する者",
                "担当者（アクセス権を有する者）",
                "事務取扱担当者",
                "取扱者",
                "取扱担当者",
            ],
        ),
        field(ledger_key::PURPOSE, "利用目的", &["目的", "利用の目的"]),
        field(
            ledger_key::RETENTION,
            "保存期間",
            &["保管期間", "保存年限", "保存期限"],
        ),
        field(
            ledger_key::DISPOSAL,
            "廃棄・削除",
            &[
                "廃棄・削除（方法・状況）",
                "廃棄・削除の方法",
                "廃棄・削除方法",
                "廃棄方法",
                "廃棄",
            ],
        ),
        field(
            ledger_key::LOCATION,
            "保管場所",
            &["保存場所", "保管場所（キャビネット等）"],
        ),
        field(
            ledger_key::MEDIUM,
            "媒体",
            &[
                "紙・電子",
                "紙／電子",
                "媒体の種類",
                "記録媒体",
                "紙媒体・電子データ",
                "保存形態",
            ],
        ),
    ],
};

/// 特定個人情報等の取扱記録表 (002 別紙1): one row per 関係事務, 本人 and 扶養家族.
pub static HANDLING_LOG: Profile = Profile {
    name: "handling_log",
    label: "特定個人情報等の取扱記録表",
    fields: &[
        required(
            handling_key::AFFAIR,
            "関係事務",
            &[
                "個人番号関係事務",
                "関係事務名",
                "事務",
                "事務名",
                "事務の名称",
            ],
        ),
        required(
            handling_key::PERSON,
            "従業員氏名",
            &[
                "氏名",
                "役職員氏名",
                "職員氏名",
                "本人氏名",
                "対象者氏名",
                "対象者",
                "本人",
            ],
        ),
        field(handling_key::DEPT, "所属", &["部署", "課", "所属部署"]),
        field(
            handling_key::DEPENDENT,
            "扶養家族氏名",
            &["扶養親族氏名", "家族氏名", "扶養家族"],
        ),
        field(
            handling_key::ACQUIRED_ON,
            "個人番号取得日",
            &[
                "取得日",
                "番号取得日",
                "マイナンバー取得日",
                "収集日",
                "個人番号の取得日",
            ],
        ),
        field(
            handling_key::IDENTITY_CHECK,
            "本人確認方法",
            &["本人確認", "確認方法", "本人確認書類", "本人確認の方法"],
        ),
        field(
            handling_key::RECORDED_ON,
            "特定個人情報ファイルへの記載日等",
            &[
                "記載日",
                "記載日等",
                "ファイルへの記載日",
                "ファイルへの記載日等",
                "特定個人情報ファイルへの記載日",
                "入力日",
            ],
        ),
        field(
            handling_key::CLERK,
            "担当",
            &["担当者", "事務取扱担当者", "取扱者"],
        ),
        field(
            handling_key::USES,
            "特定個人情報の利用及び持出",
            &[
                "特定個人情報の利用及び持出し",
                "利用及び持出",
                "利用及び持出し",
                "利用・持出",
                "利用・持出し",
                "利用",
            ],
        ),
        field(
            handling_key::DISPOSAL,
            "廃棄・削除日",
            &["廃棄日", "削除日", "廃棄・削除", "廃棄・削除の日"],
        ),
        MY_NUMBER,
    ],
};

/// Every built-in profile, in the order [`super::header::detect`] prefers them on a tie.
pub static PROFILES: [&Profile; 3] = [&STAFF, &LEDGER, &HANDLING_LOG];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::header::normalize_caption;

    #[test]
    fn keys_and_captions_are_unique_within_each_profile() {
        for profile in PROFILES {
            let mut keys: Vec<&str> = profile.fields.iter().map(|f| f.key).collect();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), profile.fields.len(), "{}", profile.name);
            let mut captions: Vec<String> = profile
                .fields
                .iter()
                .flat_map(|f| std::iter::once(f.label).chain(f.synonyms.iter().copied()))
                .map(normalize_caption)
                .collect();
            let all = captions.len();
            captions.sort_unstable();
            captions.dedup();
            assert_eq!(
                captions.len(),
                all,
                "{}: a caption names two fields",
                profile.name
            );
            assert!(profile.fields.iter().any(|f| f.required));
        }
    }
}
