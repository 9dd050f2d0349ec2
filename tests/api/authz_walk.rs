//! The authorization walk: every operation in the OpenAPI document, as the
//! public and as every demo role, inside its scope and outside it, checked
//! against an expectation table written from the access rules
//! (docs/ARCHITECTURE.md "Access", the operations' documented audiences),
//! not from what the server happens to answer. A 2xx the rules do not
//! allow fails the test, naming the route, the role and the status.
//!
//! Inside and outside: the demo roles sit on one chain, Yên Bái (15) ⊃ Văn
//! Yên (136) ⊃ Châu Quế Hạ (04387) ⊃ the Khe Bành village; every record the
//! walk names lies on that chain. Each role is also played by a "twin": an
//! account of the same role on a unit off the chain (another province,
//! district, commune or village), sending the very same requests, all of
//! which are then outside its scope. The party is not below the state: the
//! state roles' requests on party records are outside too, whatever unit
//! the record sits in.

use std::collections::HashMap;

use crate::helpers::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tinhso::service::accounts;

const DAY: &str = "2022-06-30";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Who {
    Public,
    Admin,
    Tinh,
    Huyen,
    Xa,
    Todan,
    Bithu,
    Dangvien,
    Xem,
}
use Who::*;

impl Who {
    /// The depth of the role's grant on the chain (0 province … 3 village);
    /// it reaches records at that depth or below.
    fn depth(self) -> i32 {
        match self {
            Admin => -1,
            Tinh | Xem => 0,
            Huyen => 1,
            Xa => 2,
            Todan | Bithu | Dangvien => 3,
            Public => 99,
        }
    }
    fn officer(self) -> bool {
        matches!(self, Admin | Tinh | Huyen | Xa)
    }
}

/// Who may get a 2xx, by the rules. `d` is the depth on the chain of the
/// record or unit the request names.
#[derive(Debug, Clone, Copy)]
enum Rule {
    /// Open data and definitions: everyone, the public included.
    Open,
    /// The public reads any unit's public data; a signed-in user only
    /// inside their grants.
    PublicOrScope,
    /// The whole country: the public and admins (a signed-in user works
    /// inside their grants).
    National,
    /// Any signed-in user: their own things, or lists filtered to them.
    SignedIn,
    /// Signed-in users inside their grants (personal data masked by role).
    Scope,
    /// Officers, each on their own area (not named by the path).
    OfficersAnywhere,
    /// Account managers, each on their own area: officers and party
    /// secretaries (the party's committee above).
    Managers,
    /// A write by officers inside their area.
    OfficerIn,
    /// A write by officers or team members inside their area.
    RecordIn,
    /// A write by the province's officers (and admins) on their province.
    ProvinceIn,
    /// A write whose scope is in the body: officers of any area.
    OfficerBody,
    /// A write whose scope is in the body (a multipart form): officers and
    /// team members of any area (the importer checks the unit it names).
    RecordBody,
    /// A write whose scope is in the body: province officers of any province.
    ProvinceBody,
    /// Members of the Khe Bành cell (membership, not grants).
    CellMember,
    /// The Khe Bành cell's secretary.
    CellSecretary,
    /// Party writes by the party's secretaries or an admin (body-scoped).
    PartyAdmin,
    /// Aggregate party figures: the cell's members, and signed-in users
    /// whose grants cover the cell's unit.
    PartyOverview,
    /// Nobody with an API token (tokens cannot mint tokens).
    Nobody,
    /// The account named by the target (see `Target::User`).
    Account,
    /// A token: its holder or an admin.
    TokenHolder,
}

/// What the path's parameters name.
#[derive(Debug, Clone, Copy)]
enum Target {
    /// The role's own unit (its depth), or none.
    Own,
    /// A record at a depth of the chain.
    At(i32),
    /// An account that `allowed` may manage.
    User(&'static [Who]),
    /// A party record that `allowed` may open.
    Party(&'static [Who]),
}

fn allowed(rule: Rule, who: Who, twin: bool, target: Target) -> bool {
    let depth = match target {
        Target::Own => who.depth().max(0),
        Target::At(d) => d,
        Target::User(_) | Target::Party(_) => 0,
    };
    let inside = who != Public && !twin && who.depth() <= depth;
    let signed_in = who != Public;
    let by_rule = match rule {
        Rule::Open => true,
        Rule::PublicOrScope => who == Public || inside,
        Rule::National => matches!(who, Public | Admin),
        Rule::SignedIn => signed_in,
        Rule::Scope => inside,
        Rule::OfficersAnywhere => who.officer(),
        Rule::Managers => who.officer() || who == Bithu,
        Rule::OfficerIn => inside && who.officer(),
        Rule::RecordIn => inside && (who.officer() || who == Todan),
        Rule::ProvinceIn => inside && matches!(who, Admin | Tinh),
        Rule::OfficerBody => who.officer(),
        Rule::ProvinceBody => matches!(who, Admin | Tinh),
        Rule::RecordBody => who.officer() || who == Todan,
        Rule::CellMember => !twin && matches!(who, Bithu | Dangvien),
        Rule::CellSecretary => !twin && who == Bithu,
        Rule::PartyAdmin => matches!(who, Admin | Bithu),
        Rule::PartyOverview => inside,
        Rule::Nobody => false,
        Rule::Account | Rule::TokenHolder => match target {
            Target::User(may) | Target::Party(may) => !twin && may.contains(&who),
            _ => false,
        },
    };
    // Party records: membership decides, never a state grant.
    by_rule
        && match target {
            Target::Party(may) => !twin && may.contains(&who),
            _ => true,
        }
}

mod table;
use table::table;

/// The ids the walk names, from the demo (and a few made for it).
struct Ids {
    village: String,
    by_kind: HashMap<&'static str, Vec<String>>,
}

impl Ids {
    fn code_of(&self, who: Who) -> &str {
        match who {
            Public | Admin | Tinh | Xem => "15",
            Huyen => "136",
            Xa => "04387",
            Todan | Bithu | Dangvien => &self.village,
        }
    }
}

/// The path's parameters filled for the n-th target of the operation.
fn fill(path: &str, who: Who, n: usize, ids: &Ids) -> String {
    let mut out = path.replace("{code}", ids.code_of(who));
    let kind = path
        .split('/')
        .take_while(|s| !s.starts_with('{'))
        .collect::<Vec<_>>()
        .join("/");
    if let Some(list) = ids.by_kind.get(kind.as_str()) {
        out = out.replace("{id}", &list[n.min(list.len() - 1)]);
    }
    out = out.replace("{id}", "1").replace("{file}", "1");
    // The importer's files name their register in the path and their unit
    // in the query: Khe Bành's households.
    if out.contains("{register}") {
        out = format!(
            "{}?unit={}",
            out.replace("{register}", "households"),
            ids.village
        );
    }
    out
}

async fn json_of(app: &TestApp, token: &str, path: &str) -> Value {
    let (s, v) = app.get_as(token, path).await;
    assert!(s.is_success(), "{path}: {s} {v}");
    v
}

fn first_id(v: &Value, list: &str) -> String {
    v[list][0]["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("no {list}[0].id in {v}"))
        .to_string()
}

async fn make_user(app: &TestApp, admin: &str, name: &str, role: &str, unit: &str) -> i64 {
    let (s, v) = app
        .send_as(
            admin,
            Method::POST,
            &format!("/api/v1/users?on={DAY}"),
            &json!({"username": name, "display_name": name, "password": "mat-khau-walk",
                    "grants": [{"role": role, "unit": unit}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{name}: {v}");
    v["id"].as_i64().unwrap()
}

async fn setup(app: &TestApp, tokens: &HashMap<(Who, bool), String>) -> Ids {
    let admin = &tokens[&(Admin, false)];
    let xa = &tokens[&(Xa, false)];
    let bithu = &tokens[&(Bithu, false)];
    let children = json_of(app, xa, &format!("/api/v1/units/04387/children?on={DAY}")).await;
    let village = children["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["name"] == "Khe Bành")
        .expect("Khe Bành")["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut by_kind: HashMap<&'static str, Vec<String>> = HashMap::new();
    let households = json_of(
        app,
        xa,
        &format!("/api/v1/units/{village}/households?on={DAY}"),
    )
    .await;
    by_kind.insert("/households", vec![first_id(&households, "items")]);
    let teams = json_of(app, xa, &format!("/api/v1/units/{village}/teams?on={DAY}")).await;
    by_kind.insert("/teams", vec![first_id(&teams, "items")]);
    let member = &teams["items"][0]["members"][0]["id"];
    by_kind.insert("/team-members", vec![member.to_string()]);
    let goals = json_of(app, admin, &format!("/api/v1/units/15/goals?on={DAY}")).await;
    by_kind.insert("/goals", vec![first_id(&goals, "goals")]);
    let models = json_of(app, admin, &format!("/api/v1/units/15/models?on={DAY}")).await;
    by_kind.insert("/models", vec![first_id(&models, "models")]);
    let sets = json_of(app, admin, "/api/v1/criteria-sets").await;
    by_kind.insert("/criteria-sets", vec![first_id(&sets, "items")]);
    let (s, reg) = app
        .send_as(
            xa,
            Method::POST,
            "/api/v1/units/04387/registrations",
            &json!({"level": "cds", "year": 2022, "on": DAY}),
        )
        .await;
    assert!(s.is_success(), "{reg}");
    by_kind.insert("/registrations", vec![reg["id"].to_string()]);
    // Accounts: a team member of the village, a district officer of 136,
    // and the party secretary (see the rules' `accounts`).
    let team = make_user(app, admin, "walk-team", "team_member", &village).await;
    let dist = make_user(app, admin, "walk-dist", "district_officer", "136").await;
    let secretary = accounts::user_id_by_name(&app.ctx, "bithu").await.unwrap();
    by_kind.insert(
        "/users",
        [team, dist, secretary].iter().map(i64::to_string).collect(),
    );
    // A spare token of huyen's.
    let spare = app.token("huyen").await;
    let (_, mine) = app.get_as(&spare, "/api/v1/tokens").await;
    let spare_id = mine["items"].as_array().unwrap().last().unwrap()["id"].to_string();
    by_kind.insert("/tokens", vec![spare_id]);
    // Party: the cell, a meeting, a task, the cell's document and the
    // province's restricted notice, a note of the secretary's.
    let home = json_of(app, bithu, "/api/v1/party/me").await;
    let cell = home["memberships"][0]["org"]["id"].to_string();
    by_kind.insert("/party/orgs", vec![cell.clone()]);
    let meetings = json_of(app, bithu, &format!("/api/v1/party/orgs/{cell}/meetings")).await;
    by_kind.insert("/party/meetings", vec![first_id(&meetings, "items")]);
    by_kind.insert("/party/tasks", vec![first_id(&home, "tasks")]);
    let docs = json_of(app, bithu, "/api/v1/party/documents").await;
    let doc = |n: &str| {
        docs["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["number"] == n)
            .map(|d| d["id"].to_string())
    };
    let docs = ["03-NQ/CB (mẫu)", "31-TB/TU (mẫu)"].map(|n| doc(n).expect(n));
    by_kind.insert("/party/documents", docs.to_vec());
    let (s, note) = app
        .send_as(
            bithu,
            Method::POST,
            "/api/v1/party/notes",
            &json!({"body": "Ghi chú của bí thư"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    by_kind.insert("/party/notes", vec![note["id"].to_string()]);
    Ids { village, by_kind }
}

/// The twins: the same roles on units off the chain.
async fn twins(app: &TestApp, admin: &str) -> Vec<(Who, i64)> {
    let (_, v) = app
        .get_as(admin, &format!("/api/v1/units/04390/children?on={DAY}"))
        .await;
    let village = v["items"][0]["code"]
        .as_str()
        .expect("a village of 04390")
        .to_owned();
    let mut out = Vec::new();
    for (who, role, unit) in [
        (Tinh, "province_officer", "01"),
        (Huyen, "district_officer", "132"),
        (Xa, "commune_officer", "04390"),
        (Todan, "team_member", village.as_str()),
        (Bithu, "party_secretary", village.as_str()),
        (Dangvien, "party_member", village.as_str()),
        (Xem, "viewer", "01"),
    ] {
        let name = format!("twin-{}", role.replace('_', "-"));
        out.push((who, make_user(app, admin, &name, role, unit).await));
    }
    out
}

#[tokio::test]
async fn every_route_as_every_role_inside_and_outside_scope() {
    let app = TestApp::spawn().await;
    let mut tokens: HashMap<(Who, bool), String> = HashMap::new();
    for who in [Admin, Tinh, Huyen, Xa, Todan, Bithu, Dangvien, Xem] {
        let name = format!("{who:?}").to_lowercase();
        tokens.insert((who, false), app.token(&name).await);
    }
    let ids = setup(&app, &tokens).await;
    for (who, id) in twins(&app, &tokens[&(Admin, false)]).await {
        let twin = accounts::actor_for_id(&app.ctx, id).await.unwrap();
        let (secret, _) = accounts::create_token(&app.ctx, &twin, "walk", None)
            .await
            .unwrap();
        tokens.insert((who, true), secret);
    }
    let (_, doc) = app.get_json("/api/v1/openapi.json").await;
    let table = table();
    let mut requests = Vec::new();
    let mut unclassified = Vec::new();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        let route = path.strip_prefix("/api/v1").unwrap();
        for method in ops.as_object().unwrap().keys() {
            let key = format!("{} {route}", method.to_uppercase());
            let Some(rules) = table.get(key.as_str()) else {
                unclassified.push(key);
                continue;
            };
            let m: Method = method.to_uppercase().parse().unwrap();
            let mut actors: Vec<(Who, bool)> = tokens.keys().copied().collect();
            actors.push((Public, false));
            for (who, twin) in actors {
                for (n, &(rule, target)) in rules.iter().enumerate() {
                    let url = format!("/api/v1{}", fill(route, who, n, &ids));
                    let sep = if url.contains('?') { '&' } else { '?' };
                    requests.push((
                        m.clone(),
                        format!("{url}{sep}on={DAY}"),
                        who,
                        twin,
                        allowed(rule, who, twin, target),
                    ));
                }
            }
        }
    }
    assert!(
        unclassified.is_empty(),
        "no expectation for {unclassified:?}"
    );
    // Reads first; writes after (they change state).
    let (reads, writes): (Vec<_>, Vec<_>) = requests.into_iter().partition(|r| r.0 == Method::GET);
    type Req = (Method, String, Who, bool, bool);
    let client = app.client();
    let send = |(m, url, who, twin, ok): Req| {
        let mut req = client.request(m.clone(), app.url(&url));
        if let Some(t) = tokens.get(&(who, twin)) {
            req = req.bearer_auth(t);
        }
        if m != Method::GET {
            req = req.json(&json!({}));
        }
        async move {
            let status = req.send().await.expect("request").status();
            (m, url, who, twin, ok, status)
        }
    };
    let mut results = Vec::new();
    for r in reads.into_iter().chain(writes) {
        results.push(send(r).await);
    }
    let mut holes = Vec::new();
    let (mut allowed_gets, mut allowed_gets_ok) = (0, 0);
    for (m, url, who, twin, ok, status) in &results {
        let role = format!("{who:?}{}", if *twin { " (outside: twin)" } else { "" });
        if !ok && status.is_success() {
            holes.push(format!("{m} {url} as {role}: {status}"));
        }
        if *ok && *m == Method::GET {
            allowed_gets += 1;
            allowed_gets_ok += usize::from(status.is_success());
        }
    }
    assert!(
        holes.is_empty(),
        "{} of {} requests got a 2xx the rules do not allow:\n{}",
        holes.len(),
        results.len(),
        holes.join("\n")
    );
    // The walk is not vacuous: most allowed reads do succeed.
    assert!(
        allowed_gets_ok * 10 >= allowed_gets * 8,
        "only {allowed_gets_ok} of {allowed_gets} allowed reads succeeded"
    );
}
