//! The command line, run as a user would run it.

use clap::CommandFactory;
use std::process::Command;

#[test]
fn the_cli_definition_is_consistent() {
    tinhso::cli::Cli::command().debug_assert();
}

fn tinhso(data: &std::path::Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tinhso"))
        .args(args)
        .arg("--data")
        .arg(data)
        .env_remove("TINHSO_DATABASE_URL")
        .env_remove("TINHSO_DATA_DIR")
        .output()
        .expect("run tinhso");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn migrate_units_and_users_from_the_command_line() {
    let dir = std::env::temp_dir().join(format!("tinhso-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (ok, out) = tinhso(&dir, &["migrate"]);
    assert!(ok, "{out}");
    assert!(out.contains("units-2022: 11358 rows"), "{out}");
    let (ok, out) = tinhso(&dir, &["units", "show", "15", "--on", "2022-06-30"]);
    assert!(
        ok && out.contains("Tỉnh Yên Bái") && out.contains("9 districts, 173 communes"),
        "{out}"
    );
    let (ok, out) = tinhso(
        &dir,
        &["units", "search", "chau que ha", "--on", "2022-06-30"],
    );
    assert!(ok && out.contains("04387"), "{out}");
    let (ok, out) = tinhso(
        &dir,
        &[
            "user",
            "add",
            "canbo",
            "--name",
            "Cán bộ",
            "--password",
            "mat-khau-1",
            "--grant",
            "commune_officer@04387",
        ],
    );
    assert!(ok, "{out}");
    let (ok, out) = tinhso(&dir, &["user", "list"]);
    assert!(ok && out.contains("commune_officer@04387"), "{out}");
    let (ok, out) = tinhso(
        &dir,
        &[
            "user",
            "add",
            "sai",
            "--name",
            "Sai",
            "--password",
            "mat-khau-1",
            "--grant",
            "commune_officer@15",
        ],
    );
    assert!(
        !ok && out.contains("commune"),
        "a commune officer grant on a province is refused: {out}"
    );
    let (ok, out) = tinhso(&dir, &["units", "show", "1x"]);
    assert!(!ok && out.contains("digits"), "{out}");
    // Loading a list twice is refused, and changes nothing.
    let (ok, out) = tinhso(&dir, &["units", "load-builtin"]);
    assert!(ok && !out.contains("rows"), "nothing left to load: {out}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `tinhso openapi` prints the document the server serves.
#[test]
fn openapi_prints_the_generated_document() {
    let out = Command::new(env!("CARGO_BIN_EXE_tinhso"))
        .arg("openapi")
        .output()
        .expect("run tinhso");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(printed, *crate::contract::DOC);
    assert!(printed["paths"]["/api/v1/units/{code}/headline"]["get"].is_object());
}

/// `tinhso import` on the data directory of a demo district: a dry run
/// (JSON, the API's report), the import, then the same file again.
#[tokio::test]
async fn import_from_the_command_line() {
    let app = crate::helpers::TestApp::spawn_sqlite_with(|_, _| {}).await;
    let kb = crate::homes::khe_banh_today(&app).await;
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/import/households-khe-banh-tcvn3.csv"
    );
    let args = |extra: &[&'static str]| {
        let mut a = vec![
            "import",
            "households",
            file,
            "--unit",
            kb.as_str(),
            "--json",
        ];
        a.extend_from_slice(extra);
        a
    };
    let (ok, out) = tinhso(app.data_dir(), &args(&["--dry-run"]));
    assert!(ok, "{out}");
    let report: serde_json::Value = serde_json::from_str(&out).expect(&out);
    assert_eq!(report["encoding"], "tcvn3");
    assert_eq!(
        (report["dry_run"].as_bool(), report["created"].as_u64()),
        (Some(true), Some(3))
    );
    let (ok, out) = tinhso(app.data_dir(), &args(&[]));
    assert!(ok, "{out}");
    let (ok, out) = tinhso(app.data_dir(), &args(&["--dry-run"]));
    let report: serde_json::Value = serde_json::from_str(&out).expect(&out);
    assert!(ok && report["unchanged"] == 3, "{out}");
    // A file refused whole: a non-zero exit and the reason.
    let (ok, out) = tinhso(
        app.data_dir(),
        &["import", "households", "Cargo.toml", "--unit", kb.as_str()],
    );
    assert!(!ok && out.contains("Cargo.toml"), "{out}");
}

/// `tinhso export` writes a register as a file that `tinhso import` reads
/// back with every row unchanged.
#[tokio::test]
async fn export_then_import_from_the_command_line() {
    let app = crate::helpers::TestApp::spawn_sqlite_with(|_, _| {}).await;
    let out_file = app.data_dir().join("so-lieu.xlsx");
    let out_path = out_file.to_str().unwrap();
    let (ok, out) = tinhso(
        app.data_dir(),
        &["export", "values", "--unit", "04387", "--out", out_path],
    );
    assert!(ok, "{out}");
    assert!(out.contains("so-lieu.xlsx"), "{out}");
    let (ok, out) = tinhso(
        app.data_dir(),
        &[
            "import",
            "values",
            out_path,
            "--unit",
            "04387",
            "--dry-run",
            "--json",
        ],
    );
    assert!(ok, "{out}");
    let report: serde_json::Value = serde_json::from_str(&out).expect(&out);
    let rows = report["rows"].as_u64().unwrap();
    assert!(rows > 0, "{out}");
    assert_eq!(report["unchanged"].as_u64(), Some(rows), "{out}");
    // A register that is not one: the reason, and a non-zero exit.
    let (ok, out) = tinhso(app.data_dir(), &["export", "cows", "--unit", "04387"]);
    assert!(!ok && out.contains("cows"), "{out}");
}
