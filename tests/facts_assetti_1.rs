//! End-to-end checks of the facts taken from section 1 of "Gli assetti di mercato dei modelli
//! di intelligenza artificiale generativa" (`src:assetti`): §1.1–1.3, Box 4 and 5 with their
//! notes, Fig. 1–6 and footnotes 1–14. Each test asserts a fact and the passage (named graph
//! and its locator) that states it.

mod common;

use std::collections::BTreeSet;

const SRC: &str = "https://w3id.org/catena/source/";

/// The (graph, locator) pairs of the passages in which `pattern` holds; `pattern` is a graph
/// pattern (filters allowed) evaluated inside `GRAPH ?g { … }`, `outside` is matched against
/// all graphs (e.g. the attributes of a statement node that a footnote only cites).
fn sources(pattern: &str, outside: &str) -> BTreeSet<(String, String)> {
    let query = format!(
        "SELECT DISTINCT ?g ?loc WHERE {{ GRAPH ?g {{ {pattern} }} ?g cat:locator ?loc . {outside} }}"
    );
    common::select(&query)
        .into_iter()
        .map(|row| {
            (
                row.get("g").cloned().expect("?g is bound"),
                row.get("loc").cloned().expect("?loc is bound"),
            )
        })
        .collect()
}

/// The number a reader finds in the locator of a passage of section 1: "1.1" for
/// `assetti-sec1.1`, "4" for `assetti-box4` and its notes, "3" for `assetti-fn3`, "1" for
/// `assetti-fig1`.
fn locator_token(passage: &str) -> String {
    let local = passage.trim_start_matches("assetti-");
    let local = local.split("-n").next().unwrap_or(local);
    local
        .trim_start_matches("sec")
        .trim_start_matches("box")
        .trim_start_matches("fig")
        .trim_start_matches("fn")
        .to_owned()
}

/// Asserts that `pattern` holds in the graph of `passage` (e.g. `assetti-fn3`), and that this
/// passage has a locator naming it.
fn assert_stated_in(pattern: &str, passage: &str) {
    assert_stated_in_with(pattern, "", passage);
}

/// Like `assert_stated_in`, with `outside` matched in the union of all graphs.
fn assert_stated_in_with(pattern: &str, outside: &str, passage: &str) {
    let found = sources(pattern, outside);
    let graph = format!("{SRC}{passage}");
    let token = locator_token(passage);
    assert!(
        found
            .iter()
            .any(|(g, loc)| *g == graph && !loc.is_empty() && loc.contains(&token)),
        "expected `{pattern}` to be stated in {passage} (locator containing {token:?}), found it in {found:?}"
    );
}

// ---------------------------------------------------------------------------------------
// §1.1 — chips and cloud
// ---------------------------------------------------------------------------------------

#[test]
fn sec1_1_nvidia_depends_on_tsmc_for_manufacturing_and_cowos() {
    for pattern in [
        "ent:NVIDIA cat:dependsOnManufacturingFrom ent:TSMC",
        "ent:TSMC cat:manufacturesFor ent:NVIDIA",
        "ent:NVIDIA cat:dependsOn ent:CoWoS",
        "ent:TSMC cat:develops ent:CoWoS",
    ] {
        assert_stated_in(pattern, "assetti-sec1.1");
        assert_stated_in(pattern, "assetti-fn4");
    }
    // The hyperscalers' demand for TSMC capacity.
    for customer in ["Microsoft", "Amazon", "Google"] {
        assert_stated_in(
            &format!(
                "ent:TSMC cat:manufacturesFor ent:{customer} . ent:{customer} cat:dependsOnManufacturingFrom ent:TSMC"
            ),
            "assetti-sec1.1",
        );
    }
}

#[test]
fn sec1_1_nvidia_develops_cuda_and_intel_competes() {
    assert_stated_in("ent:NVIDIA cat:develops ent:CUDA", "assetti-sec1.1");
    assert_stated_in("ent:Intel cat:competesWith ent:NVIDIA", "assetti-sec1.1");
}

#[test]
fn sec1_1_hyperscalers_build_own_chips_but_depend_on_nvidia() {
    for pattern in [
        "ent:Google cat:develops ent:TPU",
        "ent:Google cat:develops ent:CloudTPU",
        "ent:CloudTPU cat:integrates ent:TPU",
        "ent:Amazon cat:develops ent:Trainium",
        "ent:AWS cat:integrates ent:Trainium",
        "ent:Microsoft cat:develops ?chip . ?chip a cat:Chip",
    ] {
        assert_stated_in(pattern, "assetti-sec1.1");
    }
    for hyperscaler in ["Microsoft", "Google", "Amazon"] {
        assert_stated_in(
            &format!(
                "ent:{hyperscaler} cat:dependsOnComputeFrom ent:NVIDIA ; cat:integrates ent:Blackwell ; cat:competesWith ent:NVIDIA"
            ),
            "assetti-sec1.1",
        );
    }
}

#[test]
fn sec1_1_tsmc_capacity_share_taken_by_nvidia() {
    let pattern = "?o a cat:Observation ; cat:subject ent:NVIDIA ; cat:measure cat:CapacityShare ; \
                   cat:counterpart ent:TSMC ; cat:value ?v ; cat:unit \"percent\" ; cat:lowerBound true ; \
                   cat:period ?p ; cat:periodStart ?s FILTER(?v = 50)";
    assert_stated_in(pattern, "assetti-sec1.1");
    assert_stated_in(pattern, "assetti-fn4");
}

#[test]
fn sec1_1_neuronova_develops_snn_chips() {
    assert_stated_in(
        "ent:Neuronova cat:develops ent:NeuronovaChip . ent:NeuronovaChip cat:dependsOn ?t . ?t a cat:Technology ; rdfs:label \"Spiking neural networks\"@en",
        "assetti-sec1.1",
    );
}

// ---------------------------------------------------------------------------------------
// Fig. 1 and footnote 1 — NVIDIA quarterly revenue
// ---------------------------------------------------------------------------------------

#[test]
fn fig1_nvidia_revenue_and_data_centre_revenue_oct_2024() {
    // The text says October 2024; NVIDIA's fiscal-quarter dates are not in the source.
    let revenue = "?o a cat:Observation ; cat:subject ent:NVIDIA ; cat:measure cat:Revenue ; cat:value ?v ; \
                   cat:unit \"USD\" ; cat:period \"Oct 2024\" ; cat:periodStart ?s ; cat:periodEnd ?e \
                   FILTER(?v = 35080000000 && ?s = \"2024-10\"^^xsd:gYearMonth && ?e = \"2024-10\"^^xsd:gYearMonth)";
    let segment = "?o a cat:Observation ; cat:subject ent:NVIDIA ; cat:measure cat:SegmentRevenue ; cat:value ?v ; \
                   cat:unit \"USD\" ; cat:period \"Oct 2024\" FILTER(?v = 30770000000)";
    for pattern in [revenue, segment] {
        assert_stated_in(pattern, "assetti-fig1");
        assert_stated_in(pattern, "assetti-sec1.1");
    }
}

#[test]
fn fn1_fig1_data_come_from_statista() {
    assert_stated_in_with(
        "?o cat:reportedIn ?r . ?r a cat:Report ; cat:publishedBy ent:Statista",
        "?o cat:measure cat:Revenue ; cat:subject ent:NVIDIA",
        "assetti-fn1",
    );
}

// ---------------------------------------------------------------------------------------
// Footnotes 2–4
// ---------------------------------------------------------------------------------------

#[test]
fn fn2_intel_ceo_says_intel_is_not_in_the_top_ten() {
    assert_stated_in(
        "ent:Intel cat:note ?n FILTER(CONTAINS(LCASE(STR(?n)), \"top ten\"))",
        "assetti-fn2",
    );
}

#[test]
fn fn3_h100_shipments_2023_by_customer() {
    for (customer, amount) in [("Microsoft", 150000), ("Google", 50000), ("Amazon", 50000)] {
        assert_stated_in(
            &format!(
                "?o a cat:Observation ; cat:subject ent:NVIDIA ; cat:measure cat:Shipments ; cat:counterpart ent:{customer} ; \
                 cat:item ent:H100 ; cat:value ?v ; cat:unit \"GPUs\" ; cat:period \"2023\" ; \
                 cat:periodStart \"2023\"^^xsd:gYear ; cat:reportedIn ?r . ?r cat:publishedBy ent:Statista \
                 FILTER(?v = {amount})"
            ),
            "assetti-fn3",
        );
    }
    assert_stated_in("ent:NVIDIA cat:suppliesTo ent:Microsoft", "assetti-fn3");
}

#[test]
fn fn4_tsmc_doubling_reported_in_nov_2024() {
    assert_stated_in(
        "?o cat:measure cat:CapacityShare ; cat:date ?d ; cat:reportedIn ?r . ?r a cat:Report \
         FILTER(?d = \"2024-11-04\"^^xsd:date)",
        "assetti-fn4",
    );
}

// ---------------------------------------------------------------------------------------
// Box 4 — NVLink and UALink
// ---------------------------------------------------------------------------------------

#[test]
fn box4_nvlink_is_nvidias_and_ualink_members_build_an_open_rival() {
    assert_stated_in("ent:NVIDIA cat:develops ent:NVLink", "assetti-box4");
    for member in ["Intel", "Google", "Microsoft", "Meta"] {
        assert_stated_in(
            &format!("ent:{member} cat:memberOf ent:UALink"),
            "assetti-box4",
        );
    }
    assert_stated_in(
        "ent:UALink cat:develops ent:UALinkStandard . ent:UALinkStandard cat:competesWith ent:NVLink",
        "assetti-box4",
    );
}

#[test]
fn box4_note_a_ualink_founded_in_2024() {
    assert_stated_in(
        "ent:UALink cat:foundedOn ?d FILTER(STR(?d) = \"2024\")",
        "assetti-box4-na",
    );
}

// ---------------------------------------------------------------------------------------
// §1.2 and footnote 5 — data exhaustion
// ---------------------------------------------------------------------------------------

#[test]
fn sec1_2_human_data_exhaustion_years_by_scenario() {
    let rows = common::select(
        "SELECT ?v ?p ?loc WHERE { GRAPH ?g { ?o a cat:Observation ; cat:measure cat:DataExhaustionYear ; \
         cat:value ?v ; cat:period ?p } ?g cat:locator ?loc FILTER(?g = src:assetti-sec1.2) }",
    );
    let years: BTreeSet<String> = rows
        .iter()
        .map(|r| r.get("v").cloned().expect("?v is bound"))
        .collect();
    for year in ["2025", "2027", "2028"] {
        assert!(
            years.contains(year),
            "missing exhaustion year {year}: {rows:#?}"
        );
    }
    assert!(
        rows.iter()
            .all(|r| r.get("loc").is_some_and(|l| l.contains("1.2"))),
        "{rows:#?}"
    );
    assert_stated_in(
        "?o cat:measure cat:DataExhaustionYear ; cat:value ?v ; cat:period ?p \
         FILTER(?v = 2027 && CONTAINS(?p, \"5x\"))",
        "assetti-sec1.2",
    );
    assert_stated_in("ent:Llama3_70B cat:note ?n", "assetti-sec1.2");
}

#[test]
fn fn5_villalobos_study_is_the_source_of_the_estimates() {
    assert_stated_in_with(
        "?o cat:reportedIn ?r . ?r a cat:Report ; cat:date ?d ; cat:url ?u \
         FILTER(STR(?d) = \"2024\" && CONTAINS(STR(?u), \"2211.04325\"))",
        "?o cat:measure cat:DataExhaustionYear",
        "assetti-fn5",
    );
}

// ---------------------------------------------------------------------------------------
// §1.3, Fig. 2–4 and footnotes 7–10 — foundation-model counts
// ---------------------------------------------------------------------------------------

#[test]
fn sec1_3_ecosystem_graphs_by_stanford_crfm_introduced_2023() {
    assert_stated_in(
        "ent:StanfordCRFM cat:develops ent:EcosystemGraphs . ent:EcosystemGraphs cat:date ?d FILTER(STR(?d) = \"2023\")",
        "assetti-sec1.3",
    );
}

#[test]
fn fig2_models_released_by_year_and_open_share() {
    for pattern in [
        "?o cat:subject ent:World ; cat:measure cat:ModelsReleased ; cat:value ?v ; cat:period \"2023\" FILTER(?v = 184)",
        "?o cat:subject ent:World ; cat:measure cat:ModelsReleased ; cat:value ?v ; cat:period \"2024\" FILTER(?v = 133)",
        "?o cat:measure cat:ShareOfModels ; cat:accessLevel cat:OpenAccess ; cat:value ?v ; cat:unit \"percent\" ; \
         cat:approximate true ; cat:period \"2024\" FILTER(?v = 72)",
        "?o cat:accessLevel cat:OpenAccess ; cat:value ?v ; cat:periodStart ?s ; cat:periodEnd ?e \
         FILTER(?v = 4 && STR(?s) = \"2022\" && STR(?e) = \"2023\")",
    ] {
        assert_stated_in(pattern, "assetti-fig2");
        assert_stated_in(pattern, "assetti-sec1.3");
    }
}

#[test]
fn fn7_fig2_data_come_from_ecosystem_graphs() {
    assert_stated_in_with(
        "?o cat:dataSource ent:EcosystemGraphs . ent:StanfordCRFM cat:develops ent:EcosystemGraphs",
        "?o cat:subject ent:World ; cat:measure cat:ModelsReleased",
        "assetti-fn7",
    );
}

#[test]
fn fig3_models_released_by_the_four_leaders_2019_2024() {
    for (developer, count) in [
        ("Google", 68),
        ("OpenAI", 25),
        ("Microsoft", 23),
        ("Meta", 20),
    ] {
        let pattern = format!(
            "?o a cat:Observation ; cat:subject ent:{developer} ; cat:measure cat:ModelsReleased ; cat:value ?v ; \
             cat:unit \"models\" ; cat:period \"2019–2024\" FILTER(?v = {count})"
        );
        assert_stated_in(&pattern, "assetti-fig3");
        assert_stated_in(&pattern, "assetti-sec1.3");
    }
}

#[test]
fn sec1_3_concentration_of_the_four_leaders() {
    for pattern in [
        "?o cat:subject ?four ; cat:measure cat:ModelsReleased ; cat:value ?v FILTER(?v = 136)",
        "?o cat:subject ent:World ; cat:measure cat:DevelopersCount ; cat:value ?v ; cat:approximate true FILTER(?v = 155)",
        "?o cat:measure cat:ShareOfDevelopers ; cat:value ?v ; cat:unit \"percent\" FILTER(?v = 2.6)",
        "?o cat:measure cat:ShareOfModels ; cat:value ?v ; cat:period \"2019–2024\" FILTER(?v = 32)",
    ] {
        assert_stated_in(pattern, "assetti-sec1.3");
    }
}

#[test]
fn fn8_fig3_data_come_from_ecosystem_graphs() {
    assert_stated_in_with(
        "?o cat:dataSource ent:EcosystemGraphs",
        "?o cat:subject ent:Google ; cat:period \"2019–2024\"",
        "assetti-fn8",
    );
}

#[test]
fn fn9_combined_count_excludes_collaborations() {
    assert_stated_in(
        "?o cat:note ?n . FILTER(CONTAINS(STR(?n), \"Excludes\"))",
        "assetti-fn9",
    );
    let rows = common::select(
        "SELECT ?v WHERE { GRAPH src:assetti-fn9 { ?o cat:note ?n } ?o cat:value ?v }",
    );
    assert_eq!(
        common::single(&rows, "v").parse::<f64>().expect("a number"),
        136.0
    );
}

#[test]
fn fig4_models_released_in_2024_and_european_newcomers() {
    for (developer, count) in [("Google", 13), ("StabilityAI", 7), ("MistralAI", 7)] {
        let pattern = format!(
            "?o cat:subject ent:{developer} ; cat:measure cat:ModelsReleased ; cat:value ?v ; cat:period \"2024\" FILTER(?v = {count})"
        );
        assert_stated_in(&pattern, "assetti-fig4");
        assert_stated_in(&pattern, "assetti-sec1.3");
    }
    for (developer, count) in [("StabilityAI", 8), ("MistralAI", 11)] {
        assert_stated_in(
            &format!(
                "?o cat:subject ent:{developer} ; cat:measure cat:ModelsReleased ; cat:value ?v ; cat:period \"2019–2024\" FILTER(?v = {count})"
            ),
            "assetti-sec1.3",
        );
    }
}

#[test]
fn fn10_fig4_data_come_from_ecosystem_graphs() {
    assert_stated_in_with(
        "?o cat:dataSource ent:EcosystemGraphs",
        "?o cat:subject ent:MistralAI ; cat:period \"2024\"",
        "assetti-fn10",
    );
}

// ---------------------------------------------------------------------------------------
// §1.3, Fig. 5–6 and footnotes 11–14 — chatbot web traffic
// ---------------------------------------------------------------------------------------

#[test]
fn sec1_3_chatbots_and_their_developers() {
    for (developer, chatbot) in [
        ("OpenAI", "ChatGPT"),
        ("MistralAI", "LeChat"),
        ("Google", "Gemini"),
        ("Meta", "MetaAI"),
        ("Anthropic", "Claude"),
        ("Microsoft", "Copilot"),
        ("Alibaba", "Qwen25Max"),
        ("DeepSeek", "DeepSeekChat"),
    ] {
        assert_stated_in(
            &format!("ent:{developer} cat:develops ent:{chatbot}"),
            "assetti-sec1.3",
        );
    }
    assert_stated_in("ent:DeepSeek cat:competesWith ent:OpenAI", "assetti-sec1.3");
}

/// The traffic-share observation pattern of `chatbot` with `value` in `period`, starting at `start`.
fn traffic(chatbot: &str, value: &str, period: &str, start: &str) -> String {
    format!(
        "?o a cat:Observation ; cat:subject ent:{chatbot} ; cat:measure cat:WebTrafficShare ; cat:value ?v ; \
         cat:unit \"percent\" ; cat:period \"{period}\" ; cat:periodStart ?s ; cat:periodEnd ?e \
         FILTER(?v = {value} && STR(?s) = \"{start}\")"
    )
}

#[test]
fn fig5_chatbot_traffic_shares_dec_2024_and_first_week_feb_2025() {
    for pattern in [
        traffic("ChatGPT", "89.56", "Dec 2024", "2024-12"),
        traffic("ChatGPT", "77.36", "1st week Feb 2025", "2025-02-01"),
        traffic("Gemini", "5.62", "1st week Feb 2025", "2025-02-01"),
        traffic("DeepSeekChat", "0.26", "Dec 2024", "2024-12"),
        traffic("DeepSeekChat", "12.7", "1st week Feb 2025", "2025-02-01"),
    ] {
        assert_stated_in(&pattern, "assetti-fig5");
        assert_stated_in(&pattern, "assetti-sec1.3");
    }
}

#[test]
fn fn11_others_in_fig5_are_five_platforms() {
    for (chatbot, url) in [
        ("Claude", "https://claude.ai"),
        ("Copilot", "https://copilot.microsoft.com"),
        ("Qwen25Max", "https://qwenlm.ai"),
        ("MetaAI", "https://meta.ai"),
        ("LeChat", "https://chat.mistral.ai"),
    ] {
        assert_stated_in(
            &format!(
                "ent:{chatbot} cat:url ?u ; cat:note ?n FILTER(STR(?u) = \"{url}\" && CONTAINS(?n, \"Others\"))"
            ),
            "assetti-fn11",
        );
    }
}

#[test]
fn fn12_fig5_data_come_from_similarweb() {
    assert_stated_in_with(
        "?o cat:dataSource ?d . ent:Similarweb cat:develops ?d",
        "?o cat:subject ent:ChatGPT ; cat:measure cat:WebTrafficShare",
        "assetti-fn12",
    );
}

#[test]
fn fig6_traffic_shares_mar_may_2025() {
    for pattern in [
        traffic("DeepSeekChat", "7.38", "Mar–May 2025", "2025-03"),
        traffic("Gemini", "7.08", "Mar–May 2025", "2025-03"),
    ] {
        assert_stated_in(&pattern, "assetti-fig6");
        assert_stated_in(&pattern, "assetti-sec1.3");
    }
}

#[test]
fn fn13_mar_may_comparison_covers_five_platforms() {
    // The five-platform panel is a series of its own, apart from Fig. 5's eight.
    assert_stated_in_with(
        "?o cat:inSeries ?s . ?s a cat:Series ; cat:note ?n FILTER(CONTAINS(?n, \"five\"))",
        "?o cat:subject ent:DeepSeekChat ; cat:period \"Mar–May 2025\"",
        "assetti-fn13",
    );
}

#[test]
fn fn14_fig6_data_come_from_similarweb() {
    assert_stated_in_with(
        "?o cat:dataSource ?d . ent:Similarweb cat:develops ?d",
        "?o cat:subject ent:Gemini ; cat:period \"Mar–May 2025\"",
        "assetti-fn14",
    );
}

// ---------------------------------------------------------------------------------------
// Box 5 — DeepSeek, and its notes a–d
// ---------------------------------------------------------------------------------------

#[test]
fn box5_deepseek_open_sources_v3_and_r1_in_january_2025() {
    for model in ["DeepSeekV3", "DeepSeekR1"] {
        assert_stated_in(
            &format!(
                "?r a cat:OpenSourceRelease ; cat:releasedBy ent:DeepSeek ; cat:releasedItem ent:{model} ; cat:date ?d \
                 FILTER(STR(?d) = \"2025-01\") . ent:DeepSeek cat:releasesOpenSource ent:{model}"
            ),
            "assetti-box5",
        );
    }
    assert_stated_in(
        "ent:DeepSeek cat:foundedOn ?d FILTER(?d = \"2023-05\"^^xsd:gYearMonth)",
        "assetti-box5",
    );
}

#[test]
fn box5_training_cost_gpus_and_export_restrictions() {
    for pattern in [
        "?o cat:subject ent:DeepSeekV3 ; cat:measure cat:TrainingCost ; cat:value ?v ; cat:unit \"USD\" ; cat:approximate true ; \
         cat:claimedBy ent:DeepSeek ; cat:epistemicStatus cat:Claimed FILTER(?v = 6000000)",
        "?o cat:measure cat:TrainingCostReduction ; cat:counterpart ent:OpenAI ; cat:value ?v ; cat:valueUpTo \"95\"^^xsd:decimal ; \
         cat:claimedBy ent:DeepSeek FILTER(?v = 90)",
        "?o cat:subject ent:DeepSeekV3 ; cat:measure cat:GPUsUsed ; cat:item ent:H800 ; cat:value ?v FILTER(?v = 2048)",
        "ent:DeepSeekV3 cat:trainedWith ent:H800",
        "ent:DeepSeek cat:dependsOnComputeFrom ent:NVIDIA",
        "ent:USChipExportControls cat:launchedBy ent:UnitedStates",
        "ent:AlexandrWang cat:leads ent:ScaleAI",
        "?o cat:subject ent:DeepSeek ; cat:measure cat:GPUsHeld ; cat:item ent:H100 ; cat:value ?v ; \
         cat:claimedBy ent:AlexandrWang ; cat:epistemicStatus cat:Claimed FILTER(?v = 50000)",
        "?o cat:subject ent:DeepSeek ; cat:measure cat:InfrastructureAndOperatingCost ; cat:lowerBound true ; cat:value ?v \
         FILTER(?v >= 1000000000)",
        "?c a cat:Claim ; rdf:subject ent:DeepSeek ; rdf:predicate cat:outperforms ; rdf:object ent:OpenAI ; \
         cat:claimedBy ent:DeepSeek ; cat:epistemicStatus cat:Claimed",
    ] {
        assert_stated_in(pattern, "assetti-box5");
    }
}

#[test]
fn box5_openai_raises_an_intellectual_property_concern_about_deepseek() {
    assert_stated_in(
        "?c a cat:IntellectualPropertyConcern ; cat:raisedBy ent:OpenAI ; cat:concernAbout ent:DeepSeek ; \
         cat:theme cat:IntellectualProperty . ent:OpenAI cat:raisesConcernAbout ent:DeepSeek",
        "assetti-box5",
    );
}

#[test]
fn box5_nvidia_loses_590_billion_of_market_value() {
    let usd = "?o a cat:Observation ; cat:subject ent:NVIDIA ; cat:measure cat:MarketCapLoss ; cat:value ?v ; \
               cat:unit \"USD\" ; cat:date ?d FILTER(?v = 590000000000 && ?d = \"2025-01-27\"^^xsd:date)";
    assert_stated_in(usd, "assetti-box5");
    // Note c's article gives USD 589 billion in its title.
    assert_stated_in(
        "?o a cat:Observation ; cat:subject ent:NVIDIA ; cat:measure cat:MarketCapLoss ; cat:value ?v ; \
         cat:unit \"USD\" ; cat:reportedIn ent:YahooFinanceNvidiaLossArticle FILTER(?v = 589000000000)",
        "assetti-box5-nc",
    );
    assert_stated_in(
        "?o cat:subject ent:NVIDIA ; cat:measure cat:MarketCapLoss ; cat:value ?v ; cat:unit \"percent\" FILTER(?v = 17)",
        "assetti-box5",
    );
}

#[test]
fn box5_note_a_v3_technical_report_gives_the_gpu_count() {
    assert_stated_in(
        "?o cat:subject ent:DeepSeekV3 ; cat:measure cat:GPUsUsed ; cat:value ?v ; cat:reportedIn ?r . \
         ?r cat:publishedBy ent:DeepSeek ; cat:date ?d FILTER(?v = 2048 && ?d = \"2024-12-27\"^^xsd:date)",
        "assetti-box5-na",
    );
}

#[test]
fn box5_note_b_wang_claim_reported_in_jan_2025() {
    assert_stated_in(
        "?o cat:item ent:H100 ; cat:value ?v ; cat:reportedIn ?r . ?r a cat:Report ; cat:date ?d \
         FILTER(?v = 50000 && ?d = \"2025-01-31\"^^xsd:date)",
        "assetti-box5-nb",
    );
}

#[test]
fn box5_note_c_market_value_loss_article() {
    assert_stated_in(
        "?o cat:measure cat:MarketCapLoss ; cat:reportedIn ?r . ?r a cat:Report ; cat:date ?d \
         FILTER(?d = \"2025-01-27\"^^xsd:date)",
        "assetti-box5-nc",
    );
}

#[test]
fn box5_note_d_semianalysis_on_the_true_cost() {
    assert_stated_in(
        "?o cat:subject ent:DeepSeek ; cat:measure cat:InfrastructureAndOperatingCost ; cat:reportedIn ?r . \
         ?r cat:publishedBy ent:SemiAnalysis ; cat:date ?d FILTER(?d = \"2025-01-31\"^^xsd:date)",
        "assetti-box5-nd",
    );
}
