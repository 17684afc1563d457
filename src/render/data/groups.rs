//! The proposal's achievements section: achievements under their first
//! (primary) dimension, in the order of the criteria.

use super::views::{AchievementGroup, AchievementView};
use crate::locale::Locale;
use crate::model::{Case, Dimension};

/// Achievements under their first (primary) dimension, in the criteria's
/// order; those without a dimension come last under "Further results".
pub(super) fn by_dimension<'a>(
    l: &'a Locale,
    case: &Case,
    views: &[AchievementView<'a>],
) -> Vec<AchievementGroup<'a>> {
    let mut groups: Vec<(Option<Dimension>, Vec<AchievementView<'a>>)> = Vec::new();
    for (achievement, view) in case.achievements.iter().zip(views) {
        let key = achievement.dimensions.first().copied();
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, items)) => items.push(view.clone()),
            None => groups.push((key, vec![view.clone()])),
        }
    }
    // None sorts first for Option; put it last instead.
    groups.sort_by_key(|(k, _)| (k.is_none(), *k));
    groups
        .into_iter()
        .map(|(key, items)| AchievementGroup {
            id: key.map_or("other", Dimension::id),
            name: match key {
                Some(dimension) => l.label(dimension).label,
                None => l.catalogue.text("achievements.other"),
            },
            items,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Achievement, Case};

    fn case(tags: &[&[&str]]) -> Case {
        let mut case: Case = serde_yaml::from_str(
            "candidate: {name: A, current_title: B, target_title: C, target_level: director, track: operations, company: D}\nask: {target_date: 2027-01}\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        case.achievements = tags
            .iter()
            .enumerate()
            .map(|(i, tags)| {
                let yaml = format!("{{title: A{i}, dimensions: [{}]}}", tags.join(", "));
                serde_yaml::from_str::<Achievement>(&yaml).unwrap_or_else(|e| panic!("{e}"))
            })
            .collect();
        case
    }

    #[test]
    fn achievements_group_under_their_first_dimension_in_criteria_order() {
        let case = case(&[
            &["budget"],
            &[],
            &["strategy", "budget"],
            &["budget", "risk"],
        ]);
        let views: Vec<AchievementView> = case
            .achievements
            .iter()
            .map(|a| super::super::achievement_view(Locale::english(), a))
            .collect();
        let groups = by_dimension(Locale::english(), &case, &views);
        let shape: Vec<(&str, Vec<&str>)> = groups
            .iter()
            .map(|g| (g.id, g.items.iter().map(|a| a.title.as_str()).collect()))
            .collect();
        assert_eq!(
            shape,
            [
                ("strategy", vec!["A2"]),
                ("budget", vec!["A0", "A3"]),
                ("other", vec!["A1"]),
            ]
        );
        assert_eq!(groups[0].name, Dimension::Strategy.label());
        assert_eq!(groups[2].name, "Further results");
    }
}
