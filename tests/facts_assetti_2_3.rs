//! End-to-end checks of the facts taken from sections 2 and 3 of "Gli assetti di mercato dei
//! modelli di intelligenza artificiale generativa" (`src:assetti`): §2, Box 6 and its notes,
//! Box 7, Fig. 7–10, Tab. 1 and footnotes 16–24. Each test asserts a fact and the locator of
//! the passage (named graph) that states it.

mod common;

use std::collections::BTreeSet;

/// Asserts that `pattern` holds in the passage whose locator is `locator` ("§2", "Box 6, note a").
fn assert_cited(pattern: &str, locator: &str) {
    assert_cited_with(pattern, "", locator);
}

/// Like `assert_cited`, with `outside` matched in the union of all graphs.
fn assert_cited_with(pattern: &str, outside: &str, locator: &str) {
    let found = common::locators(pattern, outside);
    assert!(
        found.contains(locator),
        "expected `{pattern}` to be stated in the passage {locator:?}, found it in {found:?}"
    );
}

// ---------------------------------------------------------------------------------------
// §2 — partnerships and vertical integration
// ---------------------------------------------------------------------------------------

#[test]
fn sec2_models_trained_on_their_developers_own_compute() {
    for pattern in [
        "ent:PaLM cat:trainedWith ent:TPU",
        "ent:Gemini cat:trainedWith ent:TPU",
        "ent:Google cat:develops ent:TPU",
        "ent:NVLM cat:trainedWith ent:H100",
        "ent:NVIDIA cat:releasesOpenSource ent:NVLM",
        "?r a cat:OpenSourceRelease ; cat:releasedBy ent:NVIDIA ; cat:releasedItem ent:NVLM ; rdfs:label ?l",
    ] {
        assert_cited(pattern, "§2");
    }
}

#[test]
fn sec2_microsoft_is_openais_exclusive_cloud_on_azure() {
    let deal = "?a a cat:Agreement ; cat:cloudProvider ent:Microsoft ; cat:cloudCustomer ent:OpenAI ; \
                cat:cloudPlatform ent:Azure ; cat:exclusiveCloud true ; rdfs:label ?l";
    assert_cited(deal, "§2");
    for pattern in [
        "ent:Microsoft cat:providesCloudTo ent:OpenAI",
        "ent:OpenAI cat:dependsOnCloudFrom ent:Microsoft",
    ] {
        assert_cited(pattern, "§2");
        assert_cited(pattern, "Box 6");
    }
}

#[test]
fn sec2_microsoft_rents_gpus_from_nvidia_backed_coreweave() {
    assert_cited(
        "?a a cat:Agreement ; cat:party ent:Microsoft , ent:CoreWeave ; cat:cloudProvider ent:CoreWeave ; \
         cat:cloudCustomer ent:Microsoft ; cat:agreementKind \"GPU rental\"",
        "§2",
    );
    assert_cited("ent:Microsoft cat:dependsOnCloudFrom ent:CoreWeave", "§2");
    assert_cited(
        "?i a cat:Investment ; cat:investor ent:NVIDIA ; cat:recipient ent:CoreWeave",
        "§2",
    );
    assert_cited("ent:NVIDIA cat:investsIn ent:CoreWeave", "§2");
    // The document's spelling is an alias of the shared entity.
    assert!(common::ask(
        "ASK { ent:CoreWeave skos:altLabel ?a FILTER(LCASE(STR(?a)) = \"coreware\") }"
    ));
}

#[test]
fn sec2_google_cloud_is_anthropics_preferred_not_exclusive_provider() {
    assert_cited(
        "?a a cat:Agreement ; cat:cloudProvider ent:Google ; cat:cloudCustomer ent:Anthropic ; \
         cat:cloudPlatform ent:GoogleCloud ; cat:preferredProvider true",
        "§2",
    );
    assert!(!common::ask(
        "ASK { ?a cat:cloudCustomer ent:Anthropic ; cat:exclusiveCloud true }"
    ));
    assert_cited("ent:Anthropic cat:dependsOnCloudFrom ent:Google", "§2");
    assert_cited("ent:GoogleCloud cat:providesCloudTo ent:Anthropic", "§2");
}

#[test]
fn sec2_ftc_raises_four_concerns_in_january_2025() {
    let rows = common::select(
        "SELECT DISTINCT ?c ?theme ?loc WHERE { \
           GRAPH ?g { ?c a cat:AntitrustConcern ; cat:raisedBy ent:FTC ; \
                      cat:statedIn ent:FTCCloudAIReport2025 ; cat:theme ?theme ; cat:date ?d ; \
                      cat:concernAbout ?deal , ent:Microsoft , ent:Amazon , ent:Google . \
                      ?deal cat:cloudCustomer ent:OpenAI ; cat:cloudProvider ent:Microsoft } \
           ?g cat:locator ?loc \
           FILTER(?d = \"2025-01\"^^xsd:gYearMonth) }",
    );
    let themes: BTreeSet<&str> = rows
        .iter()
        .map(|row| row.get("theme").expect("?theme").as_str())
        .collect();
    let cat = "https://w3id.org/catena/ontology#";
    let want: BTreeSet<String> = [
        "ControlOfCriticalInputs",
        "SwitchingCosts",
        "InformationAdvantage",
        "VerticalIntegrationRisk",
    ]
    .iter()
    .map(|t| format!("{cat}{t}"))
    .collect();
    assert_eq!(
        themes,
        want.iter().map(String::as_str).collect::<BTreeSet<&str>>(),
        "{rows:#?}"
    );
    assert!(
        rows.iter()
            .all(|row| row.get("loc").map(String::as_str) == Some("§2"))
    );
    let concerns: BTreeSet<&str> = rows.iter().map(|r| r["c"].as_str()).collect();
    assert_eq!(concerns.len(), 4);
    // The report itself and the generic edges.
    assert_cited(
        "ent:FTCCloudAIReport2025 cat:publishedBy ent:FTC ; \
         dcterms:title \"Partnerships Between Cloud Service Providers and AI Developers\"",
        "§2",
    );
    for target in ["Microsoft", "OpenAI", "Google", "Anthropic", "Amazon"] {
        assert_cited(
            &format!("ent:FTC cat:raisesConcernAbout ent:{target}"),
            "§2",
        );
    }
}

#[test]
fn sec2_ftc_integration_examples() {
    for pattern in [
        "ent:Office cat:integrates ent:Copilot",
        "ent:Teams cat:integrates ent:Copilot",
        "ent:Copilot cat:integrates ent:OpenAIModels",
        "ent:Gmail cat:integrates ent:GoogleModels",
        "ent:GoogleDocs cat:integrates ent:GoogleModels",
    ] {
        assert_cited(pattern, "§2");
    }
}

#[test]
fn sec2_cma_and_oecd_concerns_about_incumbents() {
    assert_cited(
        "?c a cat:AntitrustConcern ; cat:raisedBy ent:CMA ; cat:theme cat:MarketPowerInDigitalMarkets ; \
         cat:statedIn ent:CMAFoundationModelsReport2023 , ent:CMAFoundationModelsUpdate2024 ; \
         cat:concernAbout ent:Microsoft , ent:Google , ent:Apple",
        "§2",
    );
    assert_cited(
        "?c a cat:AntitrustConcern ; cat:raisedBy ent:OECD ; cat:theme cat:DownstreamForeclosure ; \
         cat:statedIn ent:OECDAIDataCompetition2024 ; cat:date ?d FILTER(YEAR(?d) = 2024)",
        "§2",
    );
    assert_cited(
        "ent:CMAFoundationModelsReport2023 cat:publishedBy ent:CMA ; cat:date ?d FILTER(YEAR(?d) = 2023)",
        "§2",
    );
    assert_cited(
        "ent:OECDAIDataCompetition2024 cat:publishedBy ent:OECD",
        "§2",
    );
}

#[test]
fn sec2_downstream_integration_and_own_training_data() {
    for pattern in [
        "ent:Microsoft cat:integrates ent:OpenAIModels",
        "ent:Office cat:integrates ent:OpenAIModels",
        "ent:Windows cat:integrates ent:OpenAIModels",
        "ent:Bing cat:integrates ent:OpenAIModels",
        "ent:SearchGenerativeExperience cat:integrates ent:GoogleModels",
        "ent:Meta cat:dependsOn ent:Facebook",
        "ent:Meta cat:dependsOn ent:Instagram",
        "ent:Google cat:dependsOn ent:YouTube",
        "ent:GAMMA rdfs:label \"GAMMA companies\"@en",
    ] {
        assert_cited(pattern, "§2");
    }
}

#[test]
fn sec2_bundling_tying_and_self_preferencing() {
    // The authors' own examples of each practice, raised by no one.
    assert_cited(
        "?c a cat:PracticeExample ; cat:theme cat:Bundling ; cat:epistemicStatus cat:Hypothetical ; \
         cat:involves ent:Copilot , ent:Office , ent:Microsoft FILTER NOT EXISTS { ?c cat:raisedBy ?who }",
        "§2",
    );
    assert_cited(
        "?c a cat:PracticeExample ; cat:theme cat:Tying ; cat:epistemicStatus cat:Hypothetical \
         FILTER NOT EXISTS { ?c cat:raisedBy ?who }",
        "§2",
    );
    assert_cited(
        "?c a cat:PracticeExample ; cat:theme cat:SelfPreferencing ; cat:epistemicStatus cat:Hypothetical ; \
         cat:involves ent:Google FILTER NOT EXISTS { ?c cat:raisedBy ?who }",
        "§2",
    );
    // What the authorities did: probes of vertically integrated firms, none named.
    assert_cited(
        "?c a cat:AntitrustConcern ; cat:raisedBy ent:GlobalAntitrustAuthorities ; \
         cat:theme cat:Bundling , cat:Tying , cat:SelfPreferencing FILTER NOT EXISTS { ?c cat:concernAbout ?x }",
        "§2",
    );
}

// ---------------------------------------------------------------------------------------
// Box 6 — the Microsoft–OpenAI agreement, and its notes
// ---------------------------------------------------------------------------------------

#[test]
fn box6_microsoft_invested_one_billion_dollars_in_openai_in_2019() {
    let rows = common::select(
        "SELECT DISTINCT ?amount ?cur ?loc WHERE { \
           GRAPH ?g { ?i a cat:Investment ; cat:investor ent:Microsoft ; cat:recipient ent:OpenAI ; \
                      cat:amount ?amount ; cat:currency ?cur ; cat:date ?d } \
           ?g cat:locator ?loc FILTER(YEAR(?d) = 2019) }",
    );
    assert!(
        common::has_row(
            &rows,
            &[("amount", "1000000000"), ("cur", "USD"), ("loc", "Box 6")]
        ),
        "{rows:#?}"
    );
    // Note a gives the exact date and the announcement.
    assert_cited(
        "?i a cat:Investment ; cat:investor ent:Microsoft ; cat:recipient ent:OpenAI ; \
         cat:amount \"1000000000\"^^xsd:decimal ; cat:date \"2019-07-22\"^^xsd:date ; cat:reportedIn ?r",
        "Box 6, note a",
    );
    assert_cited("ent:Microsoft cat:investsIn ent:OpenAI", "Box 6");
    assert_cited("ent:Microsoft cat:investsIn ent:OpenAI", "Box 6, note a");
}

#[test]
fn box6_multi_year_multi_billion_investment_of_january_2023() {
    for locator in ["Box 6", "Box 6, note b"] {
        assert_cited(
            "?i a cat:Investment ; cat:investor ent:Microsoft ; cat:recipient ent:OpenAI ; \
             cat:amountNote ?note ; cat:date \"2023-01-23\"^^xsd:date \
             FILTER(STRSTARTS(?note, \"multi-year, multi-billion\")) \
             FILTER NOT EXISTS { ?i cat:currency ?c } FILTER NOT EXISTS { ?i cat:amount ?a }",
            locator,
        );
    }
}

#[test]
fn box6_ip_rights_revenue_sharing_and_2025_revision() {
    assert_cited(
        "?a a cat:Agreement ; cat:agreementKind \"IP rights\" ; cat:party ent:Microsoft , ent:OpenAI",
        "Box 6",
    );
    assert_cited(
        "?a a cat:Agreement ; cat:agreementKind \"revenue sharing\" ; cat:party ent:Microsoft , ent:OpenAI",
        "Box 6",
    );
    for pattern in [
        "ent:Copilot cat:integrates ent:OpenAIModels",
        "ent:AzureOpenAIService cat:integrates ent:OpenAIModels",
        "ent:Oracle cat:memberOf ent:Stargate",
        // OpenAI may use other clouds, Oracle among them: a possibility, not a deal.
        "?a a cat:Agreement ; cat:cloudProvider ent:Oracle ; cat:cloudCustomer ent:OpenAI ; \
         cat:epistemicStatus cat:Possible",
    ] {
        assert_cited(pattern, "Box 6");
    }
    // Note c: the revision of 21 January 2025 of the cloud deal.
    assert_cited(
        "?a a cat:Agreement ; cat:cloudProvider ent:Microsoft ; cat:cloudCustomer ent:OpenAI ; \
         cat:revisionDate \"2025-01-21\"^^xsd:date",
        "Box 6, note c",
    );
}

// ---------------------------------------------------------------------------------------
// Fig. 7, Fig. 8, Box 7 and footnotes 16–18
// ---------------------------------------------------------------------------------------

#[test]
fn fig7_and_fn16_gamma_companies_along_the_value_chain() {
    assert_cited("ent:GAMMA cat:note ?n", "Fig. 7");
    assert_cited(
        "ent:CMAFoundationModelsUpdate2024 cat:publishedBy ent:CMA",
        "fn. 16",
    );
}

#[test]
fn fn17_hagiu_and_wright_on_competition_policy() {
    assert_cited(
        "?r a cat:Report ; dcterms:title \"Artificial intelligence and competition policy\" ; \
         cat:date ?d FILTER(YEAR(?d) = 2025)",
        "fn. 17",
    );
}

#[test]
fn fig8_and_fn18_cma_data_feedback_loop_concern() {
    let concern =
        "?c a cat:AntitrustConcern ; cat:raisedBy ent:CMA ; cat:theme cat:DataFeedbackLoops";
    assert_cited(concern, "Fig. 8");
    assert_cited(concern, "§2");
    assert_cited(
        &format!("{concern} ; cat:statedIn ent:CMAFoundationModelsUpdate2024"),
        "fn. 18",
    );
}

#[test]
fn box7_chatgpt_dominance_from_data_feedback_loops() {
    assert_cited("ent:ChatGPT cat:dependsOn ent:RealTimeData", "Box 7");
    assert_cited("ent:OpenAI cat:dependsOn ent:RealTimeData", "Box 7");
    assert_cited(
        "ent:ChatGPT cat:note ?n FILTER(CONTAINS(LCASE(?n), \"feedback loop\"))",
        "Box 7",
    );
}

// ---------------------------------------------------------------------------------------
// §3 — investment and models in the US, Europe and China
// ---------------------------------------------------------------------------------------

#[test]
fn sec3_fig9_models_released_by_country() {
    for (subject, year, count) in [
        ("UnitedStates", 2023, 109),
        ("UnitedStates", 2024, 65),
        ("EuropeAndUK", 2023, 16),
        ("EuropeAndUK", 2024, 28),
    ] {
        let pattern = format!(
            "?o a cat:Observation ; cat:subject ent:{subject} ; cat:measure cat:ModelsReleased ; \
             cat:value ?v ; cat:unit \"models\" ; cat:periodStart ?s \
             FILTER(?v = {count} && YEAR(?s) = {year})"
        );
        assert_cited(&pattern, "§3");
        assert_cited(&pattern, "Fig. 9");
        assert_cited_with(
            "?o cat:dataSource ent:EcosystemGraphs",
            &format!(
                "?o cat:subject ent:{subject} ; cat:measure cat:ModelsReleased ; cat:value \"{count}\"^^xsd:decimal"
            ),
            "fn. 20",
        );
        assert_cited_with(
            "?o cat:note ?n",
            &format!(
                "?o cat:subject ent:{subject} ; cat:measure cat:ModelsReleased ; cat:value \"{count}\"^^xsd:decimal"
            ),
            "fn. 19",
        );
    }
}

#[test]
fn fig10_private_investment_by_region_in_2024() {
    for (subject, value) in [
        ("UnitedStates", "29040000000"),
        ("EuropeAndUK", "1490000000"),
        ("China", "2110000000"),
    ] {
        let pattern = format!(
            "?o a cat:Observation ; cat:subject ent:{subject} ; cat:measure cat:PrivateInvestment ; \
             cat:value ?v ; cat:unit \"USD\" ; cat:period \"2024\" FILTER(?v = {value})"
        );
        assert_cited(&pattern, "§3");
        assert_cited(&pattern, "Fig. 10");
        assert_cited_with(
            "?o cat:reportedIn ent:AIIndexReport2025",
            &format!(
                "?o cat:subject ent:{subject} ; cat:measure cat:PrivateInvestment ; cat:value \"{value}\"^^xsd:decimal"
            ),
            "fn. 21",
        );
    }
    assert_cited(
        "ent:AIIndexReport2025 cat:publishedBy ent:StanfordUniversity",
        "fn. 21",
    );
}

#[test]
fn sec3_chinese_researchers_submitted_most_aaai_2026_papers() {
    assert_cited(
        "?o cat:subject ent:China ; cat:measure cat:PapersSubmitted ; cat:counterpart ent:AAAI2026 ; \
         cat:value \"20000\"^^xsd:decimal ; cat:approximate true",
        "§3",
    );
    assert_cited(
        "?o cat:subject ent:AAAI2026 ; cat:measure cat:PapersSubmitted ; cat:value \"29000\"^^xsd:decimal",
        "§3",
    );
}

#[test]
fn sec3_eu_plans_announced_at_the_paris_summit() {
    assert_cited(
        "ent:AIActionSummit2025 cat:locatedIn ent:Paris ; cat:date \"2025-02-10\"^^xsd:date",
        "§3",
    );
    // The two plans' EUR 200 bn of public and private money: announced for Europe, not
    // invested by the EU.
    assert_cited(
        "?o a cat:Observation ; cat:subject ent:Europe ; cat:measure cat:AnnouncedInvestment ; \
         cat:value \"200000000000\"^^xsd:decimal ; cat:unit \"EUR\"",
        "§3",
    );
    assert_cited(
        "ent:AIActionSummit2025 cat:startDate \"2025-02-10\"^^xsd:date ; cat:endDate \"2025-02-11\"^^xsd:date",
        "§3",
    );
    assert_cited("ent:AIAct cat:launchedBy ent:EuropeanUnion", "§3");
    for pattern in [
        "ent:DeepSeek cat:note ?n",
        "ent:Alibaba cat:note ?n",
        "ent:Baichuan cat:note ?n",
    ] {
        assert_cited(pattern, "§3");
    }
}

#[test]
fn fn22_eu_ai_champions_members_and_commitment() {
    for member in ["Airbus", "Siemens", "ASML", "Volkswagen", "MistralAI"] {
        let pattern = format!("ent:{member} cat:memberOf ent:EUAIChampions");
        assert_cited(&pattern, "§3");
        assert_cited(&pattern, "fn. 22");
    }
    let count = "?o cat:subject ent:EUAIChampions ; cat:measure cat:CompaniesJoined ; cat:value \"60\"^^xsd:decimal ; \
                 cat:lowerBound true";
    assert_cited(count, "§3");
    assert_cited(count, "fn. 22");
    assert_cited(
        "?i a cat:Investment ; cat:investor ent:EUAIChampions ; cat:amount \"150000000000\"^^xsd:decimal ; \
         cat:currency \"EUR\" ; cat:approximate true",
        "fn. 22",
    );
    assert_cited(
        "ent:AmbitiousAgendaEuropeanAI cat:publishedBy ent:EUAIChampions",
        "fn. 22",
    );
}

#[test]
fn fn23_investai_mobilises_fifty_billion_euros() {
    let public = "?i a cat:Investment ; cat:investor ent:EuropeanUnion ; cat:recipient ent:InvestAI ; \
                  cat:amount \"50000000000\"^^xsd:decimal ; cat:currency \"EUR\"";
    assert_cited(public, "§3");
    assert_cited(public, "fn. 23");
    assert_cited(
        "ent:InvestAI cat:launchedBy ent:EuropeanCommission ; cat:date \"2025-02-11\"^^xsd:date",
        "fn. 23",
    );
}

#[test]
fn fn24_twenty_billion_for_five_ai_gigafactories() {
    let gigafactories = "?i a cat:Investment ; cat:investor ent:EuropeanUnion ; \
                         cat:recipient ent:AIGigafactories ; cat:amount \"20000000000\"^^xsd:decimal ; cat:currency \"EUR\"";
    assert_cited(gigafactories, "§3");
    assert_cited(gigafactories, "fn. 24");
    // Five of them, with over 100,000 accelerator chips: figures, not prose.
    assert_cited(
        "?o a cat:Observation ; cat:subject ent:AIGigafactories ; cat:measure cat:FacilitiesPlanned ; \
         cat:value \"5\"^^xsd:decimal",
        "§3",
    );
    assert_cited(
        "?o a cat:Observation ; cat:subject ent:AIGigafactories ; cat:measure cat:AcceleratorChips ; \
         cat:value \"100000\"^^xsd:decimal ; cat:lowerBound true",
        "§3",
    );
    // The 20 bn is part of InvestAI's 50 bn: a sum counts it once.
    assert_cited_with(
        "?part cat:includedIn ?whole",
        "?part cat:recipient ent:AIGigafactories . ?whole cat:recipient ent:InvestAI",
        "§3",
    );
}

#[test]
fn sec3_frances_109_billion_plan_for_data_centres() {
    assert_cited(
        "?i a cat:Investment ; cat:investor ent:France ; cat:recipient ent:FranceAIPlan ; \
         cat:amount \"109000000000\"^^xsd:decimal ; cat:currency \"EUR\"",
        "§3",
    );
    assert_cited("ent:FranceAIPlan cat:targets ent:FrenchAIDataCentres", "§3");
}

#[test]
fn sec3_stargate_members_and_amount() {
    let rows = common::select(
        "SELECT DISTINCT ?m ?loc WHERE { GRAPH ?g { ?m cat:memberOf ent:Stargate } ?g cat:locator ?loc \
         FILTER(?loc = \"§3\") }",
    );
    let members: BTreeSet<&str> = rows.iter().map(|r| r["m"].as_str()).collect();
    let ent = "https://w3id.org/catena/entity/";
    let want: Vec<String> = ["MGX", "OpenAI", "Oracle", "SoftBank"]
        .iter()
        .map(|m| format!("{ent}{m}"))
        .collect();
    assert_eq!(
        members,
        want.iter().map(String::as_str).collect::<BTreeSet<&str>>()
    );
    let rows = common::select(
        "SELECT DISTINCT ?amount ?investor ?loc WHERE { GRAPH ?g { ?i a cat:Investment ; \
           cat:recipient ent:Stargate ; cat:investor ?investor ; cat:amount ?amount ; \
           cat:currency \"USD\" ; cat:date \"2025-01-21\"^^xsd:date ; cat:periodEnd ?end } \
           ?g cat:locator ?loc FILTER(YEAR(?end) = 2029) }",
    );
    for investor in &want {
        assert!(
            common::has_row(
                &rows,
                &[
                    ("amount", "500000000000"),
                    ("investor", investor),
                    ("loc", "§3")
                ]
            ),
            "{rows:#?}"
        );
    }
    for partner in ["NVIDIA", "Microsoft", "Arm"] {
        assert_cited(
            &format!("ent:{partner} cat:partnersWith ent:Stargate"),
            "§3",
        );
    }
}

#[test]
fn sec3_us_lead_and_grok3_compute() {
    assert_cited(
        "?o cat:subject ent:UnitedStates ; cat:counterpart ent:EuropeanUnion ; cat:value \"300000000000\"^^xsd:decimal ; \
         cat:unit \"USD\" ; cat:approximate true",
        "§3",
    );
    assert_cited(
        "?o cat:subject ent:Grok3 ; cat:measure cat:GPUsUsed ; cat:value \"200000\"^^xsd:decimal ; cat:lowerBound true",
        "§3",
    );
    assert_cited(
        "ent:xAI cat:foundedBy ent:ElonMusk ; cat:develops ent:Grok3",
        "§3",
    );
}

// ---------------------------------------------------------------------------------------
// Tab. 1 — Italian models
// ---------------------------------------------------------------------------------------

#[test]
fn tab1_almawave_released_velvet_as_open_source() {
    for model in ["Velvet14B", "Velvet2B"] {
        assert_cited(
            &format!(
                "?r a cat:OpenSourceRelease ; cat:releasedBy ent:Almawave ; cat:releasedItem ent:{model}"
            ),
            "Tab. 1",
        );
        assert_cited(
            &format!("ent:Almawave cat:releasesOpenSource ent:{model}"),
            "Tab. 1",
        );
        assert_cited(
            &format!("ent:{model} cat:trainedWith ent:Leonardo"),
            "Tab. 1",
        );
    }
}

#[test]
fn tab1_vitruvian_trained_on_eight_h100s_scores_94_on_math500() {
    assert_cited(
        "?o cat:subject ent:Vitruvian1 ; cat:measure cat:GPUsUsed ; cat:item ent:H100 ; cat:value \"8\"^^xsd:decimal",
        "Tab. 1",
    );
    assert_cited(
        "?o cat:subject ent:Vitruvian1 ; cat:measure cat:BenchmarkScore ; cat:item ent:MATH500 ; cat:value \"94\"^^xsd:decimal",
        "Tab. 1",
    );
    assert_cited(
        "?o cat:subject ent:Vitruvian1 ; cat:measure cat:TrainingCost ; cat:unit \"EUR\"",
        "Tab. 1",
    );
    assert_cited("ent:Vitruvian1 cat:trainedWith ent:H100", "Tab. 1");
}

#[test]
fn tab1_developers_of_the_italian_models() {
    for (developer, model) in [
        ("iGenius", "Colosseum355B"),
        ("Almawave", "Velvet14B"),
        ("ASC27", "Vitruvian1"),
        ("Engineering", "EngGPT"),
    ] {
        assert_cited(
            &format!("ent:{developer} cat:develops ent:{model}"),
            "Tab. 1",
        );
        assert_cited(&format!("ent:{model} cat:note ?n"), "Tab. 1");
    }
}
