//! Enumerations the clerk picks from (本人確認方法, 持出しの安全措置, 提出先, 提出方法, 廃棄方法 …),
//! each with an identifier, a Japanese label and 「その他」 that takes a text.
//!
//! On input a choice is written `ID` or `ID:TEXT` (the identifier or the Japanese label; a
//! hyphen may stand for the underscore). The text makes the choice more precise —
//! `tax_office:○○税務署`, `mynumber_card:個人番号カードコピー` — and is what the forms print;
//! `other` requires it.

use serde::{Deserialize, Serialize};

use crate::field::{optional_text, FieldError};

/// One enumeration's values: identifiers and labels.
pub trait ChoiceKind: Copy + Eq + 'static {
    /// Every value, `Other` last.
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;
    fn label(self) -> &'static str;
    /// 「その他」: the value that needs a text.
    fn is_other(self) -> bool {
        self.as_str() == "other"
    }
}

/// Declares an enumeration of [`ChoiceKind`] with its identifiers and labels.
macro_rules! choice_kind {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = ($id:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl ChoiceKind for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];
            fn as_str(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }
            fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }
    };
}

choice_kind! {
    /// 本人確認の方法 (番号法第16条; 001 第8条; 002 第33条).
    IdentityCheck {
        MynumberCard = ("mynumber_card", "個人番号カード"),
        NotificationCard = ("notification_card", "通知カード＋身元確認書類"),
        ResidentRecord = ("resident_record", "住民票の写し＋身元確認書類"),
        PreprintedMatch = ("preprinted_match", "印字事項との照合"),
        Jlis = ("jlis", "J-LIS取得"),
        Agent = ("agent", "代理人（代理権・代理人身元・本人番号の確認）"),
        EmployerVerified = ("employer_verified", "委託事業主が確認済み"),
        Other = ("other", "その他"),
    }
}

choice_kind! {
    /// 取得元: from whom the number was obtained.
    AcquireSource {
        Person = ("person", "本人"),
        Agent = ("agent", "代理人"),
        Employer = ("employer", "委託事業主"),
        Jlis = ("jlis", "J-LIS"),
        Other = ("other", "その他"),
    }
}

choice_kind! {
    /// 持出しの安全措置 (002 第20条2項).
    TakeOutMeasure {
        Seal = ("seal", "封緘・目隠しシール"),
        TrackedMail = ("tracked_mail", "追跡可能な移送手段"),
        Encryption = ("encryption", "暗号化"),
        Password = ("password", "パスワード保護"),
        LockedCase = ("locked_case", "施錠できる搬送容器"),
        Other = ("other", "その他"),
    }
}

choice_kind! {
    /// 提出先.
    Recipient {
        TaxOffice = ("tax_office", "税務署"),
        HelloWork = ("hello_work", "公共職業安定所"),
        PensionOffice = ("pension_office", "年金事務所"),
        Municipality = ("municipality", "市区町村"),
        LabourBureau = ("labour_bureau", "労働局・労働基準監督署"),
        KyosaiFederation = ("kyosai_federation", "共済組合連合会"),
        Other = ("other", "その他"),
    }
}

choice_kind! {
    /// 提出の方法.
    SubmissionMeans {
        EFiling = ("e_filing", "電子申請"),
        RegisteredMail = ("registered_mail", "書留郵便"),
        SealedHandCarry = ("sealed_hand_carry", "封緘して持参"),
        InformationNetwork = ("information_network", "情報連携システム"),
        Other = ("other", "その他"),
    }
}

choice_kind! {
    /// 廃棄・削除の方法.
    DisposalMethod {
        Shred = ("shred", "シュレッダー"),
        Dissolve = ("dissolve", "溶解"),
        Incinerate = ("incinerate", "焼却"),
        Destroy = ("destroy", "物理的破壊"),
        WipeSoftware = ("wipe_software", "専用削除ソフト"),
        SystemDelete = ("system_delete", "システムによる削除"),
        Other = ("other", "その他"),
    }
}

/// A picked value, with the clerk's more precise text when given.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Choice<K> {
    pub code: K,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl<K: ChoiceKind> Choice<K> {
    pub fn new(code: K) -> Self {
        Self { code, text: None }
    }

    /// Reads `ID` or `ID:TEXT` (full-width colon too) for `field`.
    pub fn parse(field: &'static str, input: &str) -> Result<Self, FieldError> {
        let input = input.trim();
        let (head, text) = match input.find([':', '：']) {
            Some(i) => {
                let sep = input[i..].chars().next().map_or(1, char::len_utf8);
                (&input[..i], Some(&input[i + sep..]))
            }
            None => (input, None),
        };
        let head = head.trim();
        let id = head.replace('-', "_");
        let code = K::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == id || k.label() == head)
            .ok_or_else(|| FieldError::new(field, Self::options_message()))?;
        let text = optional_text(field, text.unwrap_or(""), 100)?;
        if code.is_other() && text.is_none() {
            return Err(FieldError::new(
                field,
                "「その他」には内容を「other:内容」の形で入力してください。",
            ));
        }
        Ok(Self { code, text })
    }

    /// What the forms print: the clerk's text when given, else the label.
    pub fn display(&self) -> &str {
        self.text.as_deref().unwrap_or(self.code.label())
    }

    /// The input form that reads back to this value (`ID` or `ID:TEXT`).
    pub fn to_input(&self) -> String {
        match &self.text {
            Some(t) => format!("{}:{t}", self.code.as_str()),
            None => self.code.as_str().to_owned(),
        }
    }

    fn options_message() -> String {
        let list: Vec<String> = K::ALL
            .iter()
            .map(|k| format!("{}（{}）", k.as_str(), k.label()))
            .collect();
        format!(
            "次のいずれかを指定してください: {}。具体的な内容は「ID:内容」の形で添えられます。",
            list.join("、")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_identifier_label_hyphen_and_text() {
        let c = Choice::<Recipient>::parse("提出先", "tax-office:○○税務署").unwrap();
        assert_eq!(c.code, Recipient::TaxOffice);
        assert_eq!(c.display(), "○○税務署");
        assert_eq!(c.to_input(), "tax_office:○○税務署");
        let c = Choice::<DisposalMethod>::parse("廃棄方法", "シュレッダー").unwrap();
        assert_eq!(
            (c.code, c.display()),
            (DisposalMethod::Shred, "シュレッダー")
        );
        let c = Choice::<IdentityCheck>::parse("本人確認方法", "mynumber_card：コピー").unwrap();
        assert_eq!(c.text.as_deref(), Some("コピー"));
    }

    #[test]
    fn other_needs_a_text_and_unknown_values_list_the_options() {
        let err = Choice::<SubmissionMeans>::parse("提出方法", "other").unwrap_err();
        assert_eq!(err.field, "提出方法");
        assert!(err.message.contains("other:内容"));
        let err = Choice::<SubmissionMeans>::parse("提出方法", "fax").unwrap_err();
        assert!(
            err.message.contains("e_filing（電子申請）"),
            "{}",
            err.message
        );
        assert!(Choice::<SubmissionMeans>::parse("提出方法", "other:FAX").is_ok());
    }

    #[test]
    fn the_text_passes_the_my_number_guard() {
        let err = Choice::<Recipient>::parse("提出先", "other:123456789018").unwrap_err();
        assert_eq!(err.field, "提出先");
        assert!(!err.message.contains("9018"));
    }

    #[test]
    fn identifiers_are_unique_and_other_is_last() {
        fn check<K: ChoiceKind + std::fmt::Debug>() {
            let ids: std::collections::HashSet<_> = K::ALL.iter().map(|k| k.as_str()).collect();
            assert_eq!(ids.len(), K::ALL.len());
            assert!(K::ALL.last().is_some_and(|k| k.is_other()));
        }
        check::<IdentityCheck>();
        check::<AcquireSource>();
        check::<TakeOutMeasure>();
        check::<Recipient>();
        check::<SubmissionMeans>();
        check::<DisposalMethod>();
    }
}
