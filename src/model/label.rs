//! The words every enum value of the case and the report is shown with, in
//! one table per type: the id a file, a flag or a template compares, and the
//! label a reader sees. Terminal output, JSON, the documents and `diff` all
//! take their words from here, so a level, a status or a role reads the same
//! everywhere; a translation will swap these tables and nothing else.
//!
//! Templates receive a value as a [`Label`] object (`{id, label}`): they test
//! the id and print the label, never compare English words.

use serde::Serialize;

use super::{
    AudienceLevel, BudgetOwnership, Dimension, Direction, EvidenceStatus, InitiativeRole,
    KpiCategory, KpiScope, KpiStatus, Level, RiskStatus, Seniority, Track,
};

/// An enum whose values have a stable id and a label for readers.
pub trait Labelled: Copy + 'static {
    /// Every value, in the order readers see them listed.
    const ALL: &'static [Self];
    /// The prefix of the values' keys in the document catalogues: `kpi-status`.
    const KIND: &'static str;
    /// The identifier used in files, on the command line and in JSON.
    fn id(self) -> &'static str;
    /// How a reader sees the value: "Vice President", "Within tolerance".
    fn label(self) -> &'static str;
    /// The key of the value's words in the document catalogues: `kpi-status.met`.
    fn key(self) -> String {
        format!("{}.{}", Self::KIND, self.id())
    }
}

fn keyed<T: Labelled>(into: &mut Vec<(String, &'static str)>) {
    into.extend(T::ALL.iter().map(|v| (v.key(), v.label())));
}

/// Every value of every table with its key and English label: the English
/// document catalogue takes these words from here, so they are written once.
pub fn all_labels() -> Vec<(String, &'static str)> {
    let mut all = Vec::new();
    keyed::<Level>(&mut all);
    keyed::<Track>(&mut all);
    keyed::<Dimension>(&mut all);
    keyed::<KpiCategory>(&mut all);
    keyed::<KpiScope>(&mut all);
    keyed::<Direction>(&mut all);
    keyed::<KpiStatus>(&mut all);
    keyed::<InitiativeRole>(&mut all);
    keyed::<BudgetOwnership>(&mut all);
    keyed::<RiskStatus>(&mut all);
    keyed::<AudienceLevel>(&mut all);
    keyed::<Seniority>(&mut all);
    keyed::<EvidenceStatus>(&mut all);
    all
}

/// A value as templates receive it: `{"id": "met", "label": "Met"}`. The
/// label is English here, or the document's language when a
/// [`crate::locale::Locale`] made it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Label<'a> {
    pub id: &'static str,
    pub label: &'a str,
}

impl Label<'static> {
    pub fn of<T: Labelled>(value: T) -> Label<'static> {
        Label {
            id: value.id(),
            label: value.label(),
        }
    }
}

/// Declares the id and label of every value of an enum, as inherent methods
/// (so callers need no trait import) and as the [`Labelled`] trait.
macro_rules! labels {
    ($ty:ident, $kind:literal { $($variant:ident => $id:literal, $label:literal;)* }) => {
        impl $ty {
            pub const ALL: [$ty; [$(stringify!($variant)),*].len()] = [$($ty::$variant),*];

            /// The identifier used in files, on the command line and in JSON.
            pub fn id(self) -> &'static str {
                match self { $($ty::$variant => $id),* }
            }

            /// How a reader sees the value.
            pub fn label(self) -> &'static str {
                match self { $($ty::$variant => $label),* }
            }

            /// The value an id names, as files, flags and reports write it.
            pub fn from_id(id: &str) -> Option<Self> {
                Self::ALL.into_iter().find(|value| value.id() == id)
            }
        }

        impl Labelled for $ty {
            const ALL: &'static [Self] = &$ty::ALL;
            const KIND: &'static str = $kind;
            fn id(self) -> &'static str {
                $ty::id(self)
            }
            fn label(self) -> &'static str {
                $ty::label(self)
            }
        }
    };
}

labels!(Level, "level" {
    SeniorManager => "senior-manager", "Senior Manager";
    Director => "director", "Director";
    Vp => "vp", "Vice President";
});

labels!(Track, "track" {
    Operations => "operations", "Operations";
    Marketing => "marketing", "Marketing";
    Sales => "sales", "Sales";
    Communications => "communications", "Communications";
    Hr => "hr", "HR";
    Finance => "finance", "Finance";
    It => "it", "IT";
    Product => "product", "Product";
    ProgramManagement => "program-management", "Program management";
    BusinessDevelopment => "business-development", "Business development";
    QualityAssurance => "quality-assurance", "Quality assurance";
    CustomerService => "customer-service", "Customer service";
    Compliance => "compliance", "Compliance";
    Risk => "risk", "Risk";
    Training => "training", "Training";
    DataAnalytics => "data-analytics", "Data analytics";
    Engineering => "engineering", "Engineering";
    ExecutiveDirector => "executive-director", "Executive director";
    Other => "other", "Other";
});

labels!(Dimension, "dimension" {
    Strategy => "strategy", "Strategic planning and vision";
    Leadership => "leadership", "Leading managers, developing people";
    BusinessKpis => "business-kpis", "Business-level results";
    Budget => "budget", "Budget and resource allocation";
    CrossFunctional => "cross-functional", "Influence across departments";
    Visibility => "visibility", "Executive visibility";
    Sponsors => "sponsors", "Sponsors among decision-makers";
    Innovation => "innovation", "Innovation and process improvement";
    Risk => "risk", "Risk and compliance";
    Customer => "customer", "Customer focus";
    Ambiguity => "ambiguity", "Decisions under ambiguity";
    Change => "change", "Leading through change";
    Succession => "succession", "Succession plan";
    Evidence => "evidence", "Quality of the evidence";
    TheAsk => "the-ask", "The proposal itself";
});

labels!(KpiCategory, "kpi-category" {
    Revenue => "revenue", "Revenue";
    Margin => "margin", "Margin";
    Growth => "growth", "Growth";
    Cost => "cost", "Cost";
    Retention => "retention", "Retention";
    CustomerSatisfaction => "customer-satisfaction", "Customer satisfaction";
    Quality => "quality", "Quality";
    Delivery => "delivery", "Delivery";
    People => "people", "People";
    Other => "other", "Other";
});

labels!(KpiScope, "kpi-scope" {
    BusinessWide => "business-wide", "Business-wide";
    Department => "department", "Department";
});

labels!(Direction, "direction" {
    HigherIsBetter => "higher-is-better", "Higher is better";
    LowerIsBetter => "lower-is-better", "Lower is better";
});

labels!(KpiStatus, "kpi-status" {
    Met => "met", "Met";
    WithinTolerance => "within-tolerance", "Within tolerance";
    Missed => "missed", "Missed";
    Incomplete => "incomplete", "No data";
});

labels!(InitiativeRole, "initiative-role" {
    Led => "led", "Led";
    CoLed => "co-led", "Co-led";
    Contributed => "contributed", "Contributed";
});

labels!(BudgetOwnership, "budget-ownership" {
    Owned => "owned", "Owned";
    Influenced => "influenced", "Influenced";
});

labels!(RiskStatus, "risk-status" {
    Open => "open", "Open";
    Mitigated => "mitigated", "Mitigated";
    Accepted => "accepted", "Accepted";
    Closed => "closed", "Closed";
});

labels!(AudienceLevel, "audience-level" {
    Board => "board", "Board";
    ExecutiveTeam => "executive-team", "Executive team";
    SeniorLeadership => "senior-leadership", "Senior leadership";
    Other => "other", "Other";
});

labels!(Seniority, "seniority" {
    Manager => "manager", "Manager";
    SeniorManager => "senior-manager", "Senior manager";
    Director => "director", "Director";
    Vp => "vp", "VP";
    CLevel => "c-level", "C-level";
});

labels!(EvidenceStatus, "evidence-status" {
    Evidenced => "evidenced", "Evidenced";
    Thin => "thin", "Thin";
    Missing => "missing", "Missing";
});

#[cfg(test)]
mod tests {
    use super::*;

    /// The id is what serde writes, so files, JSON and templates agree.
    fn ids_match_serde<T: Labelled + Serialize + std::fmt::Debug>() {
        for value in T::ALL {
            assert_eq!(
                serde_json::to_value(value).ok(),
                Some(serde_json::Value::String(value.id().to_string())),
                "{value:?}"
            );
            assert!(!value.label().is_empty(), "{value:?} has no label");
        }
        let mut ids: Vec<&str> = T::ALL.iter().map(|v| v.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), T::ALL.len(), "ids are unique");
    }

    #[test]
    fn every_table_agrees_with_serde() {
        ids_match_serde::<Level>();
        ids_match_serde::<Track>();
        ids_match_serde::<Dimension>();
        ids_match_serde::<KpiCategory>();
        ids_match_serde::<KpiScope>();
        ids_match_serde::<Direction>();
        ids_match_serde::<KpiStatus>();
        ids_match_serde::<InitiativeRole>();
        ids_match_serde::<BudgetOwnership>();
        ids_match_serde::<RiskStatus>();
        ids_match_serde::<AudienceLevel>();
        ids_match_serde::<Seniority>();
        ids_match_serde::<EvidenceStatus>();
    }

    #[test]
    fn templates_receive_id_and_label() {
        let label = Label::of(KpiStatus::WithinTolerance);
        assert_eq!(
            serde_json::to_string(&label).ok().as_deref(),
            Some(r#"{"id":"within-tolerance","label":"Within tolerance"}"#)
        );
    }
}
