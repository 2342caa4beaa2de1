//! End-to-end checks of the facts taken from the opinion article on China's open approach
//! to AI (`src:apertura`): each test asserts a fact and the paragraph (¶N) that states it.

mod common;

const ENT: &str = "https://w3id.org/catena/entity/";

fn assert_stated_in(pattern: &str, outside: &str, locator: &str) {
    let found = common::locators(pattern, outside);
    assert!(
        found.contains(locator),
        "expected `{pattern}` to be stated in {locator}, found it in {found:?}"
    );
}

fn entity(local: &str) -> String {
    format!("{ENT}{local}")
}

#[test]
fn p1_us_protectionism_is_cited_in_the_lead() {
    assert_stated_in("ent:USTariffs cat:launchedBy ent:UnitedStates", "", "¶1");
}

#[test]
fn p2_us_tariffs_target_trade_partners_under_trump() {
    let rows = common::select(
        "SELECT ?target ?loc WHERE { GRAPH ?g { ent:USTariffs cat:launchedBy ent:UnitedStates ; cat:targets ?target } ?g cat:locator ?loc }",
    );
    for target in ["Brazil", "EuropeanUnion", "India", "China"] {
        assert!(
            common::has_row(&rows, &[("target", &entity(target)), ("loc", "¶2")]),
            "US tariffs should target {target} in ¶2: {rows:#?}"
        );
    }
    assert_stated_in("ent:DonaldTrump cat:leads ent:UnitedStates", "", "¶2");
}

#[test]
fn p3_global_ai_governance_initiative_announced_by_china_in_2023() {
    let rows = common::select(
        "SELECT ?d ?loc WHERE { GRAPH ?g { ent:GlobalAIGovernanceInitiative cat:launchedBy ent:China ; cat:date ?d } ?g cat:locator ?loc }",
    );
    assert!(
        common::has_row(&rows, &[("d", "2023"), ("loc", "¶3")]),
        "{rows:#?}"
    );
    assert_stated_in(
        "ent:GlobalSecurityInitiative cat:launchedBy ent:XiJinping",
        "",
        "¶3",
    );
}

#[test]
fn p3_waic_2025_in_shanghai_with_over_3000_products_and_new_initiative() {
    assert_stated_in("ent:WAIC2025 cat:locatedIn ent:Shanghai", "", "¶3");
    assert_stated_in(
        "?o a cat:Observation ; cat:subject ent:WAIC2025 ; cat:measure cat:ProductsPresented ; cat:value ?v ; cat:lowerBound true",
        "FILTER(?v = 3000)",
        "¶3",
    );
    assert_stated_in(
        "ent:OpenSourceAICooperationInitiative cat:launchedBy ent:China",
        "",
        "¶3",
    );
    // Launched at the Shanghai conference; the article gives it no seat.
    assert_stated_in(
        "ent:AIInnovationGovernanceCentre cat:launchedAt ent:WAIC2025",
        "",
        "¶3",
    );
    assert_stated_in(
        "ent:OpenSourceAICooperationInitiative cat:launchedAt ent:WAIC2025",
        "",
        "¶3",
    );
}

#[test]
fn p4_huawei_and_xiaomi_open_source_releases() {
    let rows = common::select(
        "SELECT ?who ?what ?loc WHERE { GRAPH ?g { ?r a cat:OpenSourceRelease ; cat:releasedBy ?who ; cat:releasedItem ?what . ?who cat:releasesOpenSource ?what } ?g cat:locator ?loc }",
    );
    for (who, what) in [
        ("Huawei", "CANN"),
        ("Huawei", "MindToolkits"),
        ("Xiaomi", "MiDashengLM7B"),
    ] {
        assert!(
            common::has_row(
                &rows,
                &[
                    ("who", &entity(who)),
                    ("what", &entity(what)),
                    ("loc", "¶4")
                ]
            ),
            "{who} should open-source {what} in ¶4: {rows:#?}"
        );
    }
    // The article dates neither release.
    assert!(
        !common::ask(
            "ASK { ?r a cat:OpenSourceRelease ; cat:releasedBy ent:Huawei ; cat:releasedItem ent:CANN ; cat:date ?d }"
        ),
        "the CANN release has no date in the article"
    );
}

#[test]
fn p5_china_public_rd_spending_2024() {
    let rows = common::select(
        "SELECT ?cur ?d ?loc WHERE { GRAPH ?g { ?o a cat:Observation ; cat:subject ent:China ; cat:measure cat:PublicRDSpending ; cat:value ?v ; cat:unit ?cur ; cat:date ?d } ?g cat:locator ?loc FILTER(?v = 3610000000000) }",
    );
    assert!(
        common::has_row(&rows, &[("cur", "CNY"), ("d", "2024"), ("loc", "¶5")]),
        "{rows:#?}"
    );
    assert_stated_in(
        "?o a cat:Observation ; cat:subject ent:China ; cat:measure cat:PublicRDGrowth ; cat:value ?v ; cat:unit \"percent\"",
        "FILTER(?v = 8.3)",
        "¶5",
    );
}

#[test]
fn p5_chinese_universities_courses_and_nature_index_ranking() {
    assert_stated_in(
        "?o a cat:Observation ; cat:subject ent:ChineseUniversities ; cat:measure cat:UniversitiesOfferingAICourses ; cat:value ?v ; cat:lowerBound true",
        "FILTER(?v = 500)",
        "¶5",
    );
    assert_stated_in(
        "?o a cat:Observation ; cat:subject ent:ChineseUniversities ; cat:measure cat:TopUniversitiesByResearchOutput ; cat:value ?v ; cat:reportedIn ent:NatureIndex2025",
        "FILTER(?v = 8)",
        "¶5",
    );
}

#[test]
fn p6_china_funds_research_to_industry() {
    assert_stated_in(
        "?i a cat:Investment ; cat:investor ent:China ; cat:recipient ent:QuantumComputing . ent:China cat:investsIn ent:ElectricMobility",
        "",
        "¶6",
    );
}

#[test]
fn p7_senators_concern_openai_release_and_chip_export_controls() {
    assert_stated_in(
        "?c a cat:NationalSecurityConcern ; cat:raisedBy ent:USSenateRepublicans ; cat:theme cat:NationalSecurity ; cat:concernAbout ent:ChineseOpenSourceModels . ent:USSenateRepublicans cat:raisesConcernAbout ent:ChineseOpenSourceModels",
        "",
        "¶7",
    );
    assert_stated_in(
        "?r a cat:OpenSourceRelease ; cat:releasedBy ent:OpenAI ; cat:releasedItem ent:OpenAIOpenWeightModels",
        "",
        "¶7",
    );
    assert_stated_in(
        "ent:USChipExportControls cat:launchedBy ent:UnitedStates ; cat:targets ent:China",
        "",
        "¶7",
    );
}

#[test]
fn p9_global_ai_cooperation_organization_proposed_by_china() {
    assert_stated_in(
        "ent:GlobalAICooperationOrganization cat:launchedBy ent:China",
        "",
        "¶9",
    );
}

#[test]
fn p10_stem_doctorates_grew_from_2000_to_2022() {
    let rows = common::select(
        "SELECT ?v ?d ?loc WHERE { GRAPH ?g { ?o a cat:Observation ; cat:subject ent:China ; cat:measure cat:STEMDoctorates ; cat:value ?v ; cat:date ?d } ?g cat:locator ?loc }",
    );
    let pairs: Vec<(String, f64, String)> = rows
        .iter()
        .map(|row| {
            (
                row["d"].clone(),
                row["v"].parse::<f64>().expect("numeric value"),
                row["loc"].clone(),
            )
        })
        .collect();
    for (year, value) in [("2000", 7500.0), ("2022", 51000.0)] {
        assert!(
            pairs
                .iter()
                .any(|(d, v, loc)| d == year && (*v - value).abs() < 0.5 && loc == "¶10"),
            "STEM doctorates {year} = {value} in ¶10: {rows:#?}"
        );
    }
}
