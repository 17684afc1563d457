//! Synthetic promotion cases of a chosen size, for benchmarks and growth tests.
//!
//! Cases are generated as YAML text, so measuring them exercises the whole
//! loader, and are deterministic for a given seed, so two runs measure the same
//! work. Text, dates and numbers vary from item to item; every case is valid
//! and evidences every director dimension, like a strong real case.

use std::fmt::Write;

/// A small deterministic random source (xorshift64*); quality is beside the point here.
struct Random(u64);

impl Random {
    fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const FIRST: &[&str] = &[
    "Ana", "Priya", "Daniel", "Mariana", "Kwame", "Sofia", "Li", "Omar", "Ingrid", "Tomasz",
];
const LAST: &[&str] = &[
    "Ruiz", "Raman", "Novak", "Castillo", "Mensah", "Rossi", "Wei", "Haddad", "Berg", "Nowak",
];
const VERBS: &[&str] = &[
    "Led",
    "Built",
    "Negotiated",
    "Redesigned",
    "Launched",
    "Consolidated",
    "Automated",
];
const OBJECTS: &[&str] = &[
    "the partner onboarding process",
    "regional pricing",
    "the warehouse slotting model",
    "the quarterly planning cycle",
    "customer support tiers",
    "the vendor portfolio",
    "the analytics platform",
];
const METRICS: &[&str] = &[
    "Cycle time",
    "Cost per order",
    "Qualified leads",
    "Net revenue retention",
    "Defect rate",
    "On-time delivery",
];
const UNITS: &[&str] = &["days", "EUR", "leads", "%", "orders"];
const DEPARTMENTS: &[&str] = &[
    "Sales",
    "Finance",
    "Product",
    "Operations",
    "Legal",
    "Customer Success",
    "HR",
];
const DIMENSIONS: &[&str] = &[
    "business-kpis",
    "innovation",
    "customer",
    "leadership",
    "budget",
    "change",
    "strategy",
];
const CATEGORIES: &[&str] = &[
    "revenue",
    "margin",
    "growth",
    "cost",
    "retention",
    "customer-satisfaction",
    "quality",
];

/// A valid case with `items` achievements, KPIs and initiatives, as of 2026-10-15.
pub fn case_yaml(items: usize, seed: u64) -> String {
    let mut random = Random::new(seed);
    let mut out = String::with_capacity(600 + items * 900);
    let name = format!("{} {}", random.pick(FIRST), random.pick(LAST));
    let _ = write!(
        out,
        "as_of: 2026-10-15
candidate:
  name: {name}
  current_title: Operations Manager
  target_title: Director of Operations
  target_level: director
  track: operations
  company: Synthetic Group {seed}
  department: Operations
  years_in_management: {years}
  audience: {{name: Morgan Lee, title: Chief Operating Officer}}
ask:
  target_date: 2027-0{month}
  why_now: The group opens {sites} new sites next year and operations has no single owner.
  support_requested: [Sponsorship at the spring talent review]
  problems_to_solve: [No single owner for cross-site operations]
vision:
  statement: One operating model for every site within two years.
  horizon_months: 24
  company_objectives: [Operating margin above 9 percent]
  roadmap:
    - {{date: 2027-06, milestone: Shared planning live in all sites}}
scope:
  team_size: {team}
  direct_reports: 6
  managers_among_reports: 3
  budget: {{amount: {budget}, currency: EUR, period: FY2026, ownership: owned}}
",
        years = 4 + random.below(8),
        month = 1 + random.below(9),
        sites = 2 + random.below(6),
        team = 40 + random.below(200),
        budget = 1_000_000 + random.below(9_000_000),
    );
    out.push_str("achievements:\n");
    for i in 0..items {
        let start_month = 1 + random.below(12);
        let baseline = 10 + random.below(990);
        let result = baseline + 1 + random.below(baseline);
        let _ = write!(
            out,
            "  - title: {verb} {object} ({i})
    period: {{start: 2025-{start_month:02}, end: 2026-0{end_month}}}
    context: Site {i} ran {object} by hand and missed its targets in {misses} of 12 months.
    actions: {verb} the redesign with {partner} and decided the rollout order.
    outcomes:
      - {{metric: {metric}, baseline: {baseline}, result: {result}, unit: \"{unit}\"}}
    dimensions: [{dimension}]
    evidence: [\"https://wiki.example.com/ops/{i}\"]
    attestors: [\"{attestor} {attestor_last}, VP {partner}\"]
",
            verb = random.pick(VERBS),
            object = random.pick(OBJECTS),
            end_month = 1 + random.below(9),
            misses = 1 + random.below(11),
            partner = random.pick(DEPARTMENTS),
            metric = random.pick(METRICS),
            unit = random.pick(UNITS),
            dimension = random.pick(DIMENSIONS),
            attestor = random.pick(FIRST),
            attestor_last = random.pick(LAST),
        );
    }
    out.push_str("kpis:\n");
    for i in 0..items {
        let baseline = 50 + random.below(500);
        let target = baseline + 5 + random.below(50);
        let actual = target - 10 + random.below(30);
        let _ = write!(
            out,
            "  - name: {metric} {i}
    category: {category}
    scope: {scope}
    unit: EUR
    baseline: {baseline}
    target: {target}
    actual: {actual}
    period: {{start: 2026-01, end: 2026-09}}
    series:
      - {{date: 2026-03, value: {q1}}}
      - {{date: 2026-06, value: {q2}}}
      - {{date: 2026-09, value: {actual}}}
",
            metric = random.pick(METRICS),
            category = random.pick(CATEGORIES),
            scope = if i % 2 == 0 {
                "business-wide"
            } else {
                "department"
            },
            q1 = baseline + random.below(10),
            q2 = baseline + random.below(40),
        );
    }
    out.push_str("initiatives:\n");
    for i in 0..items {
        let _ = write!(
            out,
            "  - name: Cross-site programme {i}
    partner_departments: [{a}, {b}]
    partner_leaders: [{{name: {first} {last}, title: VP {a}}}]
    role: {role}
    outcome: Cut handover time by {cut} percent across {sites} sites.
    period: {{start: 2025-0{start}, end: ongoing}}
",
            a = random.pick(DEPARTMENTS),
            b = random.pick(DEPARTMENTS),
            first = random.pick(FIRST),
            last = random.pick(LAST),
            role = if i % 3 == 0 { "led" } else { "co-led" },
            cut = 5 + random.below(40),
            sites = 2 + random.below(20),
            start = 1 + random.below(9),
        );
    }
    out.push_str(
        "people_development:
  promoted: [{name: Lena Berg, from: Shift Lead, to: Site Manager, date: 2026-02}]
decisions:
  - title: Close the oldest site
    date: 2026-03
    context: Volumes fell for three years.
    unknowns: [Union response]
    options: [Close, Renovate, Sell]
    decision: Close and move volume to two sites.
    outcome: Saved 1.2 million EUR a year.
risks:
  - {risk: Single carrier for cold chain, area: operational, mitigation: Signed a second carrier., status: mitigated}
changes_led:
  - {change: Merged two regions into one, date: 2025-11, outcome: No loss of on-time delivery.}
visibility:
  - {date: 2026-06-10, audience: Executive committee, level: executive-team, topic: Site strategy}
sponsors:
  - {name: Morgan Lee, title: Chief Operating Officer, level: c-level, can_attest: [Site strategy]}
succession:
  successors:
    - {name: Lena Berg, current_role: Site Manager, readiness: ready-now, covers: [Daily operations]}
  interim_plan: Lena Berg covers until the promotion.
",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceFile;

    #[test]
    fn generated_cases_load_at_every_size() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 10, 15).unwrap();
        for items in [1, 10, 100] {
            let text = case_yaml(items, items as u64);
            let loaded = crate::model::parse_case(SourceFile::new("synthetic.yaml", text), today)
                .unwrap_or_else(|e| panic!("{items} items: {e}"));
            assert_eq!(loaded.case.achievements.len(), items);
            assert_eq!(loaded.case.kpis.len(), items);
        }
    }

    #[test]
    fn same_seed_same_case_other_seed_other_case() {
        assert_eq!(case_yaml(5, 7), case_yaml(5, 7));
        assert_ne!(case_yaml(5, 7), case_yaml(5, 8));
    }
}
