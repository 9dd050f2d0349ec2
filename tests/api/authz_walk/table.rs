//! The table of who may do what, route by route, that the walk checks.

use super::*;

/// The expectation for each operation of the document, and what its
/// parameters name. An operation missing here fails the walk: a new route
/// must be classified.
pub(super) fn table() -> HashMap<&'static str, Vec<(Rule, Target)>> {
    use Rule::*;
    use Target::*;
    const CELL: &[Who] = &[Bithu, Dangvien];
    const SECRETARY: &[Who] = &[Bithu];
    let mut t: HashMap<&'static str, Vec<(Rule, Target)>> = HashMap::new();
    let mut put = |k: &'static str, v: &[(Rule, Target)]| {
        assert!(t.insert(k, v.to_vec()).is_none(), "{k} twice");
    };
    let (member, secretary) = ((CellMember, Party(CELL)), (CellSecretary, Party(SECRETARY)));
    put("GET /openapi.json", &[(Open, Own)]);
    put("GET /me", &[(SignedIn, Own)]);
    put("GET /units", &[(Open, Own)]);
    put("GET /units/summary", &[(National, Own)]);
    put("GET /units/search", &[(Open, Own)]);
    // A unit and its aggregate figures: open to all, signed in or not
    // (the public view; `service::units::find_open`).
    for p in [
        "GET /units/{code}",
        "GET /units/{code}/children",
        "GET /units/{code}/ancestors",
        "GET /units/{code}/summary",
        "GET /units/{code}/headline",
        "GET /units/{code}/figures",
        "GET /units/{code}/trend",
        "GET /units/{code}/indicators",
        "GET /units/{code}/successions",
        "GET /units/{code}/targets",
        "GET /units/{code}/goals",
        "GET /units/{code}/models",
        "GET /units/{code}/recognition",
        "GET /units/{code}/registrations",
        "GET /units/{code}/index",
        // A figure's rule and parts; the records behind it only inside the
        // caller's grants (an empty list elsewhere).
        "GET /units/{code}/trace",
    ] {
        put(p, &[(Open, Own)]);
    }
    put("GET /units/{code}/party-summary", &[(PublicOrScope, Own)]);
    put("GET /unit-lists", &[(Open, Own)]);
    put("GET /metrics", &[(Open, Own)]);
    put("GET /indicators", &[(Open, Own)]);
    put("GET /criteria-sets", &[(Open, Own)]);
    put("GET /criteria-sets/{id}", &[(Open, Own)]);
    for p in [
        "POST /units/{code}/villages",
        "POST /units/{code}/teams",
        "POST /units/{code}/goals",
        "POST /units/{code}/models",
        "POST /units/{code}/registrations",
        "POST /criteria-sets/{id}/units/{code}/values",
    ] {
        put(p, &[(OfficerIn, Own)]);
    }
    put("POST /units/{code}/index/results", &[(ProvinceIn, Own)]);
    put("POST /units/{code}/index/targets", &[(ProvinceIn, Own)]);
    put("GET /units/{code}/households", &[(Scope, Own)]);
    // Team rosters are published (members' phones masked unless the asker
    // works with the households), as the field tests rely on.
    put("GET /units/{code}/teams", &[(PublicOrScope, Own)]);
    put("POST /units/{code}/households", &[(RecordIn, Own)]);
    put("POST /households/{id}/adoptions", &[(RecordIn, At(3))]);
    // A team's roster and sessions are kept by the commune's officers
    // (service::teams::managed), not by the team's members.
    for p in [
        "POST /teams/{id}/members",
        "POST /teams/{id}/sessions",
        "POST /team-members/{id}/leave",
    ] {
        put(p, &[(OfficerIn, At(3))]);
    }
    for p in [
        "POST /metrics",
        "POST /indicators",
        "POST /targets",
        "POST /values",
        "POST /users",
    ] {
        put(p, &[(OfficerBody, Own)]);
    }
    put("POST /criteria-sets", &[(ProvinceBody, Own)]);
    // The importer: a template and an export of Khe Bành's households
    // (`?unit=`, filled by the walk) for those who record there and see
    // its personal data; a file's unit is in its multipart body.
    put("GET /imports/templates/{register}", &[(RecordIn, At(3))]);
    put("GET /exports/{register}", &[(RecordIn, At(3))]);
    put("POST /imports", &[(RecordBody, Own)]);
    put("PUT /criteria-sets/{id}", &[(ProvinceIn, At(0))]);
    put("GET /users", &[(Managers, Own)]);
    let accounts = [
        (Account, User(&[Admin, Tinh, Huyen, Xa])),
        (Account, User(&[Admin, Tinh])),
        (Account, User(&[Admin])),
    ];
    for p in [
        "GET /users/{id}",
        "PUT /users/{id}/grants",
        "POST /users/{id}/password",
        "POST /users/{id}/deactivate",
        "POST /users/{id}/reactivate",
    ] {
        put(p, &accounts);
    }
    put("GET /tokens", &[(SignedIn, Own)]);
    put("POST /tokens", &[(Nobody, Own)]);
    put(
        "DELETE /tokens/{id}",
        &[(TokenHolder, User(&[Admin, Huyen]))],
    );
    put("GET /audit", &[(OfficersAnywhere, Own)]);
    for p in [
        "GET /party/me",
        "GET /party/notices",
        "GET /party/documents",
        "GET /party/notes",
        "POST /party/notes",
    ] {
        put(p, &[(SignedIn, Own)]);
    }
    put("POST /party/orgs", &[(PartyAdmin, Own)]);
    put(
        "POST /party/orgs/{id}/members",
        &[(PartyAdmin, Party(&[Admin, Bithu]))],
    );
    put("GET /party/orgs/{id}", &[member]);
    put("GET /party/orgs/{id}/overview", &[(PartyOverview, At(3))]);
    put("GET /party/orgs/{id}/meetings", &[member]);
    put("POST /party/meetings", &[(CellSecretary, Own)]);
    put("GET /party/meetings/{id}", &[member]);
    for p in [
        "POST /party/meetings/{id}/notice",
        "PUT /party/meetings/{id}/attendance",
        "PUT /party/meetings/{id}/minutes",
        "POST /party/meetings/{id}/cancel",
        "POST /party/meetings/{id}/tasks",
    ] {
        put(p, &[secretary]);
    }
    put("POST /party/tasks/{id}/done", &[member]);
    put("POST /party/documents", &[(CellSecretary, Own)]);
    // The cell's document, then the province's restricted notice.
    put("GET /party/documents/{id}", &[member, secretary]);
    put("POST /party/documents/{id}/read", &[member, secretary]);
    put(
        "GET /party/documents/{id}/receipts",
        &[
            (CellSecretary, Party(SECRETARY)),
            (CellSecretary, Party(SECRETARY)),
        ],
    );
    put(
        "POST /party/documents/{id}/files",
        &[
            (CellSecretary, Party(SECRETARY)),
            (CellSecretary, Party(SECRETARY)),
        ],
    );
    put(
        "GET /party/documents/{id}/files/{file}",
        &[member, secretary],
    );
    for p in [
        "GET /party/notes/{id}",
        "PUT /party/notes/{id}",
        "DELETE /party/notes/{id}",
    ] {
        put(p, &[secretary]);
    }
    put("POST /goals/{id}/status", &[(OfficerIn, At(0))]);
    put("POST /goals/{id}/evidence", &[(OfficerIn, At(0))]);
    put("GET /goals/{id}/evidence/{file}", &[(Scope, At(0))]);
    put("POST /models/{id}/deployments", &[(OfficerIn, At(0))]);
    put("POST /models/{id}/status", &[(OfficerIn, At(0))]);
    put("GET /registrations/{id}", &[(PublicOrScope, At(2))]);
    put("POST /registrations/{id}/steps", &[(OfficerIn, At(2))]);
    put("POST /registrations/{id}/files", &[(OfficerIn, At(2))]);
    put("GET /registrations/{id}/files/{file}", &[(Scope, At(2))]);
    t
}
