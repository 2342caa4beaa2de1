//! The graph says what the documents say, and no more: end-to-end checks, through the
//! binary, of the corrections of the audit against both documents. Each asserts the answer
//! *and* the passage it is cited to; each failed on the graph before the corrections.

mod common;

use std::collections::BTreeMap;

use common::Row;

/// The rows of a question answered in SPARQL JSON, with extra global flags before it.
fn answer(flags: &[&str], question: &str) -> Vec<Row> {
    common::answer_with(flags, question)
}

fn ask(question: &str) -> Vec<Row> {
    answer(&[], question)
}

/// The values of `var` over the rows.
fn column<'a>(rows: &'a [Row], var: &str) -> Vec<&'a str> {
    rows.iter()
        .filter_map(|row| row.get(var).map(String::as_str))
        .collect()
}

const ENT: &str = "https://w3id.org/catena/entity/";

// ---------------------------------------------------------------------------------------
// 1. Facts the documents do not state
// ---------------------------------------------------------------------------------------

#[test]
fn the_oecd_concern_is_a_general_warning_aimed_at_no_firm() {
    let rows = ask("concerns raised by OECD with sources");
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert!(!rows[0].contains_key("about"), "{rows:#?}");
    assert_eq!(rows[0]["theme_label"], "downstream foreclosure");
    assert_eq!(rows[0]["source"], "§2");
    for firm in ["Apple", "Meta", "Amazon", "GAMMA"] {
        let raisers = ask(&format!("who raised concerns about {firm}"));
        assert!(
            !column(&raisers, "answer_label").contains(&"OECD"),
            "the OECD names no firm, yet is said to be concerned about {firm}: {raisers:#?}"
        );
    }
}

#[test]
fn the_practice_examples_are_the_authors_and_raised_by_no_authority() {
    for product in ["Copilot", "Office"] {
        let raisers = ask(&format!("who raised concerns about {product}"));
        assert!(raisers.is_empty(), "{product}: {raisers:#?}");
    }
    let rows = common::select(
        "SELECT ?theme ?loc WHERE { GRAPH ?g { ?e a cat:PracticeExample ; cat:theme ?theme ; \
           cat:epistemicStatus cat:Hypothetical FILTER NOT EXISTS { ?e cat:raisedBy ?who } } \
           ?g cat:locator ?loc }",
    );
    for theme in ["Bundling", "Tying", "SelfPreferencing"] {
        assert!(
            common::has_row(
                &rows,
                &[
                    (
                        "theme",
                        &format!("https://w3id.org/catena/ontology#{theme}")
                    ),
                    ("loc", "§2")
                ]
            ),
            "{theme}: {rows:#?}"
        );
    }
    // The authorities' probes name no firm.
    let probes = ask("concerns raised by antitrust authorities worldwide with sources");
    assert!(!probes.is_empty());
    assert!(
        probes.iter().all(|row| !row.contains_key("about")),
        "{probes:#?}"
    );
    assert!(
        probes.iter().all(|row| row["source"] == "§2"),
        "{probes:#?}"
    );
}

#[test]
fn the_eu_does_not_invest_in_eu_ai_champions_nor_count_200_bn_twice() {
    let rows = ask("investments by European Union");
    let recipients = column(&rows, "recipient_label");
    assert!(
        !recipients.contains(&"EU AI Champions Initiative"),
        "{rows:#?}"
    );
    assert!(
        !column(&rows, "amount").contains(&"200000000000"),
        "{rows:#?}"
    );
    // The private pledges are the coalition's, cited to fn. 22 and §3.
    let pledges = ask("investments by EU AI Champions with sources");
    assert!(!pledges.is_empty());
    for row in &pledges {
        assert_eq!(row["amount"], "150000000000", "{pledges:#?}");
    }
    let sources = column(&pledges, "source").join(", ");
    assert!(
        sources.contains("§3") && sources.contains("fn. 22"),
        "{sources}"
    );
    // The EUR 200 bn is what the two plans announce for Europe together.
    let total = ask("announced investment of Europe with sources");
    assert!(!total.is_empty());
    assert!(
        total.iter().all(|row| row["value"] == "200000000000"),
        "{total:#?}"
    );
    let sources = column(&total, "source");
    assert!(
        sources.contains(&"§3") && sources.contains(&"fn. 23"),
        "{sources:?}"
    );
}

#[test]
fn oracle_is_a_possible_cloud_of_openai_not_its_provider() {
    let providers = ask("who is the cloud provider of OpenAI");
    assert!(
        !column(&providers, "answer_label").contains(&"Oracle"),
        "{providers:#?}"
    );
    let deals = ask("cloud deals with sources");
    let oracle: Vec<&Row> = deals
        .iter()
        .filter(|row| row.get("provider_label").map(String::as_str) == Some("Oracle"))
        .collect();
    assert_eq!(oracle.len(), 1, "{deals:#?}");
    assert_eq!(oracle[0]["status_label"], "possible");
    assert_eq!(oracle[0]["customer_label"], "OpenAI");
    assert_eq!(oracle[0]["source"], "Box 6");
}

#[test]
fn semianalysis_gives_a_total_cost_not_a_training_cost() {
    // Nothing gives DeepSeek a training cost: the question answers for its model, and says so.
    let training = ask("training cost of DeepSeek");
    assert!(
        training
            .iter()
            .all(|row| row["about"] == "https://w3id.org/catena/entity/DeepSeekV3"),
        "{training:#?}"
    );
    let total = ask("infrastructure and operating cost of DeepSeek with sources");
    assert!(!total.is_empty());
    assert!(
        total
            .iter()
            .all(|row| row["value"] == "1000000000" && row["source"].starts_with("Box 5")),
        "{total:#?}"
    );
    assert!(
        column(&total, "source").contains(&"Box 5, note d"),
        "{total:#?}"
    );
    // The USD 6 million is DeepSeek's own claim about DeepSeek-V3.
    let claimed = common::select(
        "SELECT ?who WHERE { ?o cat:subject ent:DeepSeekV3 ; cat:measure cat:TrainingCost ; \
           cat:epistemicStatus cat:Claimed ; cat:claimedBy ?who }",
    );
    assert_eq!(common::single(&claimed, "who"), format!("{ENT}DeepSeek"));
}

#[test]
fn nvidias_revenue_is_dated_as_the_text_dates_it() {
    let rows = ask("revenue of NVIDIA with sources");
    assert!(!rows.is_empty());
    for row in &rows {
        assert_eq!(row["period"], "Oct 2024", "{rows:#?}");
    }
    let sources = column(&rows, "source");
    assert!(
        sources.contains(&"§1.1") && sources.contains(&"Fig. 1"),
        "{sources:?}"
    );
    assert!(!common::ask(
        "ASK { ?o cat:subject ent:NVIDIA ; cat:measure ?m ; cat:periodStart ?s \
           FILTER(?m IN (cat:Revenue, cat:SegmentRevenue) && DATATYPE(?s) = xsd:date) }"
    ));
}

#[test]
fn attributes_the_text_does_not_give_are_gone() {
    for (question, stated) in [
        // No date for Grok 3's training.
        (
            "ASK { ?o cat:subject ent:Grok3 ; cat:measure cat:GPUsUsed ; ?p ?when \
             FILTER(?p IN (cat:period, cat:periodStart, cat:periodEnd, cat:date)) }",
            false,
        ),
        // No currency on the multi-billion 2023 investment.
        (
            "ASK { ?i cat:investor ent:Microsoft ; cat:date \"2023-01-23\"^^xsd:date ; cat:currency ?c }",
            false,
        ),
        // The governance centre was launched at the Shanghai conference; it has no seat.
        (
            "ASK { ent:AIInnovationGovernanceCentre cat:basedIn ?x }",
            false,
        ),
        (
            "ASK { GRAPH src:apertura-p3 { ent:AIInnovationGovernanceCentre cat:launchedAt ent:WAIC2025 } }",
            true,
        ),
        // The 2048 H800s trained DeepSeek-V3, not R1.
        ("ASK { ent:DeepSeekR1 cat:trainedWith ?x }", false),
        (
            "ASK { GRAPH src:assetti-box5 { ent:DeepSeekV3 cat:trainedWith ent:H800 } }",
            true,
        ),
    ] {
        assert_eq!(common::ask(question), stated, "{question}");
    }
    // The FTC's seat is background: only the reference layer states it.
    let seat = common::select(
        "SELECT ?doc WHERE { GRAPH ?g { ent:FTC cat:basedIn ?x } ?g cat:inDocument ?doc }",
    );
    assert!(
        seat.iter()
            .all(|row| row["doc"] == "https://w3id.org/catena/source/reference"),
        "{seat:#?}"
    );
}

#[test]
fn concerns_have_kinds() {
    for (raiser, kind, locator) in [
        ("USSenateRepublicans", "NationalSecurityConcern", "¶7"),
        ("OpenAI", "IntellectualPropertyConcern", "Box 5"),
        ("FTC", "AntitrustConcern", "§2"),
    ] {
        let rows = common::select(&format!(
            "SELECT ?loc WHERE {{ GRAPH ?g {{ ?c a cat:{kind} ; cat:raisedBy ent:{raiser} }} ?g cat:locator ?loc }}"
        ));
        assert!(
            column(&rows, "loc").contains(&locator),
            "{raiser}: {kind} in {locator}: {rows:#?}"
        );
    }
    assert!(!common::ask(
        "ASK { ?c a cat:AntitrustConcern ; cat:raisedBy ?who FILTER(?who IN (ent:USSenateRepublicans, ent:OpenAI)) }"
    ));
    // The language still finds every kind as a concern.
    let openai = ask("concerns raised by OpenAI with sources");
    assert_eq!(column(&openai, "source"), ["Box 5"], "{openai:#?}");
    let senators = ask("preoccupazioni sollevate da senatori repubblicani statunitensi");
    assert_eq!(senators.len(), 1, "{senators:#?}");
}

// ---------------------------------------------------------------------------------------
// 2. Facts held only as prose, now structure
// ---------------------------------------------------------------------------------------

#[test]
fn gamma_and_the_four_main_developers_have_members() {
    let gamma = ask("who is member of GAMMA with sources");
    let mut members = column(&gamma, "answer_label");
    members.sort_unstable();
    members.dedup();
    assert_eq!(members, ["Amazon", "Apple", "Google", "Meta", "Microsoft"]);
    assert!(gamma.iter().all(|row| row["source"] == "§2"), "{gamma:#?}");
    let four = ask("who is member of top four foundation model developers");
    let mut members = column(&four, "answer_label");
    members.sort_unstable();
    assert_eq!(members, ["Google", "Meta", "Microsoft", "OpenAI"]);
}

#[test]
fn claims_and_comparisons_are_relations() {
    // The text states it: Intel's chips do not match NVIDIA's.
    let rows = ask("who outperforms Intel with sources");
    assert_eq!(column(&rows, "answer_label"), ["NVIDIA"], "{rows:#?}");
    assert_eq!(column(&rows, "source"), ["§1.1"]);
    // DeepSeek's claim to beat OpenAI is its claim, not an edge.
    assert!(ask("who outperforms OpenAI").is_empty());
    assert!(common::ask(
        "ASK { GRAPH src:assetti-box5 { ?c a cat:Claim ; rdf:subject ent:DeepSeek ; \
           rdf:predicate cat:outperforms ; rdf:object ent:OpenAI ; cat:claimedBy ent:DeepSeek } }"
    ));
    // Proprietary data favour incumbents and bar new entrants (§1.2).
    let favoured = ask("what does proprietary data favour with sources");
    assert_eq!(column(&favoured, "answer_label"), ["incumbent firms"]);
    assert_eq!(column(&favoured, "source"), ["§1.2"]);
    let proven = common::select(
        "SELECT ?field WHERE { GRAPH src:assetti-sec1.2 { ent:SyntheticData cat:provenIn ?field } }",
    );
    let mut fields = column(&proven, "field");
    fields.sort_unstable();
    assert_eq!(fields, ["coding", "mathematics"]);
}

// ---------------------------------------------------------------------------------------
// 3. Places, groups and parents, with provenance
// ---------------------------------------------------------------------------------------

#[test]
fn a_company_in_an_italian_city_is_an_italian_company() {
    let rows = ask("list companies in Italy with sources");
    let neuronova: Vec<&Row> = rows
        .iter()
        .filter(|row| row.get("x_label").map(String::as_str) == Some("Neuronova"))
        .collect();
    assert!(!neuronova.is_empty(), "{rows:#?}");
    let sources = neuronova
        .iter()
        .map(|row| row["source"].as_str())
        .collect::<Vec<_>>();
    assert!(sources.contains(&"§1.1"), "{sources:?}");
    assert!(sources.contains(&"places"), "{sources:?}");
    // The relation forms nest too, in both languages, showing the place the stated edge names.
    let based = ask("who is based in Italy");
    assert!(
        column(&based, "answer_label").contains(&"Neuronova"),
        "{based:#?}"
    );
    let sedi = ask("chi ha sede in Italia con fonti");
    assert!(
        common::has_row(
            &sedi,
            &[
                ("answer_label", "Neuronova"),
                ("via_label", "Milan"),
                ("source", "§1.1")
            ]
        ),
        "{sedi:#?}"
    );
    let documents = answer(&["--documents-only"], "who is based in Italy");
    assert!(!column(&documents, "answer_label").contains(&"Neuronova"));
    // Without the reference layer, the documents alone do not say Milan is in Italy.
    let documents = answer(&["--documents-only"], "list companies in Italy");
    assert!(
        !column(&documents, "x_label").contains(&"Neuronova"),
        "{documents:#?}"
    );
}

#[test]
fn organisations_have_parents_and_operate_their_products() {
    for (product, owner, locator) in [
        ("ChatGPT", "OpenAI", "§1.3"),
        ("DeepSeekChat", "DeepSeek", "§1.3"),
        ("Azure", "Microsoft", "§2"),
        ("AWS", "Amazon", "§1.1"),
    ] {
        let found = common::locators(&format!("ent:{owner} cat:develops ent:{product}"), "");
        assert!(found.contains(locator), "{owner} → {product}: {found:?}");
    }
    let parents = common::select(
        "SELECT ?parent ?loc WHERE { GRAPH ?g { ent:GoogleDeepMind cat:subsidiaryOf ?parent } ?g cat:locator ?loc }",
    );
    assert!(
        common::has_row(
            &parents,
            &[
                ("parent", &format!("{ENT}Google")),
                ("loc", "parent companies")
            ]
        ),
        "{parents:#?}"
    );
}

#[test]
fn the_reference_layer_gives_headquarters_and_can_be_left_out() {
    let all = ask("list companies in United States with sources");
    let documents = answer(&["--documents-only"], "list companies in United States");
    let names = |rows: &[Row]| {
        let mut names: Vec<String> = column(rows, "x_label")
            .into_iter()
            .map(str::to_owned)
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    };
    let (all_names, document_names) = (names(&all), names(&documents));
    for firm in ["Microsoft", "OpenAI", "Google", "Anthropic"] {
        assert!(all_names.contains(&firm.to_owned()), "{all_names:?}");
        assert!(
            !document_names.contains(&firm.to_owned()),
            "{document_names:?}"
        );
    }
    assert!(document_names.contains(&"NVIDIA".to_owned()));
    assert!(
        all.iter()
            .any(|row| row["source"] == "headquarters"
                && row["document_label"].contains("reference")),
        "{all:#?}"
    );
}

// ---------------------------------------------------------------------------------------
// 4. Consistency that answers depend on
// ---------------------------------------------------------------------------------------

#[test]
fn dated_observations_have_their_period() {
    let spending = ask("public R&D spending of China in 2024 with sources");
    assert_eq!(
        column(&spending, "value"),
        ["3610000000000"],
        "{spending:#?}"
    );
    assert_eq!(column(&spending, "source"), ["¶5"]);
    let doctorates = ask("STEM doctorates of China in 2022");
    assert_eq!(column(&doctorates, "value"), ["51000"], "{doctorates:#?}");
    assert!(!common::ask(
        "ASK { ?o a cat:Observation . { ?o cat:date ?d } UNION { ?o cat:period ?p } \
           FILTER NOT EXISTS { ?o cat:periodStart ?s ; cat:periodEnd ?e } }"
    ));
}

#[test]
fn a_joint_commitment_is_one_amount() {
    let rows = ask("who invested in Stargate with sources");
    assert_eq!(rows.len(), 1, "one commitment, one row: {rows:#?}");
    let row = &rows[0];
    assert_eq!(row["amount"], "500000000000");
    for investor in ["OpenAI", "SoftBank", "Oracle", "MGX"] {
        assert!(row["answer_label"].contains(investor), "{row:#?}");
    }
    assert_eq!(row["source"], "§3");
    let statements = common::select(
        "SELECT DISTINCT ?i WHERE { ?i a cat:Investment ; cat:recipient ent:Stargate }",
    );
    assert_eq!(statements.len(), 1, "{statements:#?}");
}

#[test]
fn the_two_traffic_panels_are_distinct_series() {
    let rows = common::select(
        "SELECT ?series (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o cat:measure cat:WebTrafficShare ; \
           cat:inSeries ?series } GROUP BY ?series",
    );
    let counts: BTreeMap<&str, &str> = rows
        .iter()
        .map(|row| (row["series"].as_str(), row["n"].as_str()))
        .collect();
    assert_eq!(
        counts,
        BTreeMap::from([
            ("https://w3id.org/catena/statement/series-traffic-fig5", "5"),
            ("https://w3id.org/catena/statement/series-traffic-fig6", "2"),
        ])
    );
    assert!(!common::ask(
        "ASK { ?o a cat:Observation ; cat:measure cat:WebTrafficShare FILTER NOT EXISTS { ?o cat:inSeries ?s } }"
    ));
    // A ranking stays within one panel and period, and says which, with its passages.
    for (question, period, figure) in [
        (
            "top 3 chatbots by traffic share with sources",
            "Mar–May 2025",
            "Fig. 6",
        ),
        (
            "top 3 chatbot per quota di traffico nel 2024 con fonti",
            "Dec 2024",
            "Fig. 5",
        ),
    ] {
        let rows = ask(question);
        assert!(!rows.is_empty(), "{question}");
        for row in &rows {
            assert_eq!(row["period"], period, "{question}: {rows:#?}");
            assert!(
                row["series_label"].contains(figure),
                "{question}: {rows:#?}"
            );
        }
        let sources = column(&rows, "source");
        assert!(sources.contains(&figure), "{question}: {sources:?}");
    }
}

#[test]
fn founding_dates_and_event_spans_have_properties_of_their_own() {
    let founded = common::locators("ent:DeepSeek cat:foundedOn \"2023-05\"^^xsd:gYearMonth", "");
    assert!(founded.contains("Box 5"), "{founded:?}");
    assert!(!common::ask("ASK { ent:DeepSeek cat:date ?d }"));
    let summit = common::locators(
        "ent:AIActionSummit2025 cat:startDate \"2025-02-10\"^^xsd:date ; cat:endDate \"2025-02-11\"^^xsd:date",
        "",
    );
    assert!(summit.contains("§3"), "{summit:?}");
}

#[test]
fn statements_and_reports_have_italian_labels_and_labels_have_tags() {
    assert!(!common::ask(
        "ASK { { ?s a/rdfs:subClassOf* cat:Statement } UNION { ?s a cat:Report } \
           FILTER NOT EXISTS { ?s rdfs:label ?it FILTER(LANG(?it) = \"it\") } }"
    ));
    assert!(!common::ask(
        "ASK { ?s rdfs:label|skos:altLabel ?l FILTER(ISLITERAL(?l) && LANG(?l) = \"\") \
           FILTER(STRSTARTS(STR(?s), \"https://w3id.org/catena/\")) }"
    ));
    // The Italian labels are the passages' own, like the English ones.
    let found = common::locators(
        "stmt:agr-openai-oracle-possible-cloud rdfs:label ?it FILTER(LANG(?it) = \"it\")",
        "",
    );
    assert!(found.contains("Box 6"), "{found:?}");
    let found = common::locators(
        "ent:FTCCloudAIReport2025 rdfs:label ?it FILTER(LANG(?it) = \"it\")",
        "",
    );
    assert!(found.contains("§2"), "{found:?}");
}
