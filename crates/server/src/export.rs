//! Exports of the register and the assessments: CSV, XLSX and a printable report for the
//! head of the agency (print it to PDF from the browser).

use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use gezi_law::inventory::Field;
use gezi_law::risk::Factor;
use gezi_store::files::DataFile;
use gezi_store::risk::{level_labels, Assessment};

use crate::error::PageError;
use crate::web::Ctx;
use crate::{access, AppError, AppState};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/export/register.csv", get(register_csv))
        .route("/export/register.xlsx", get(register_xlsx))
        .route("/export/risk.csv", get(risk_csv))
        .route("/report", get(report))
}

/// The register as rows: a header of the 20 fields (plus status and publication), then
/// one row per file.
async fn register_rows(app: &AppState, ctx: &Ctx) -> Result<Vec<Vec<String>>, AppError> {
    let files = app
        .store
        .data_files(access::visible_unit(&ctx.user))
        .await?;
    let units = app.store.units().await?;
    let mut rows = vec![Field::ALL
        .iter()
        .map(|f| ctx.lang.pick(f.labels()).to_string())
        .chain([
            "status".into(),
            ctx.t.s("published_at").into(),
            ctx.t.s("changed_at").into(),
        ])
        .collect::<Vec<_>>()];
    for f in &files {
        rows.push(file_row(f, &units));
    }
    Ok(rows)
}

fn file_row(f: &DataFile, units: &[gezi_store::units::Unit]) -> Vec<String> {
    let x = &f.fields;
    let yes = |b: bool| if b { "是" } else { "否" }.to_string();
    let unit = gezi_store::units::unit_name(units, f.unit_id);
    vec![
        x.business.clone(),
        x.name.clone(),
        unit,
        x.custodian_unit.clone(),
        x.custody_method.clone(),
        x.storage_forms.join("、"),
        x.source.clone(),
        x.legal_basis.clone(),
        yes(x.notice_required),
        x.purposes.join("、"),
        x.categories.join("、"),
        x.items.join("、"),
        x.special_items.join("、"),
        x.record_count.to_string(),
        x.internal_units.clone(),
        x.external_parties.clone(),
        x.outsourcing.clone(),
        x.retention.clone(),
        x.disposal_method.clone(),
        yes(x.publish_required),
        f.status.clone(),
        f.published_at.clone().unwrap_or_default(),
        f.changed_at.clone(),
    ]
}

/// A CSV cell: quoted when needed, and a leading `=`, `+`, `-` or `@` neutralised so a
/// spreadsheet does not run it as a formula.
fn csv_cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn csv(rows: &[Vec<String>]) -> String {
    // A BOM so that Excel opens UTF-8 Chinese correctly.
    let mut out = String::from("\u{feff}");
    for r in rows {
        out.push_str(&r.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

fn download(content_type: &'static str, name: &str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

async fn register_csv(State(app): State<AppState>, ctx: Ctx) -> Result<Response, PageError> {
    let rows = register_rows(&app, &ctx).await?;
    Ok(download(
        "text/csv; charset=utf-8",
        "gezi-register.csv",
        csv(&rows).into_bytes(),
    ))
}

async fn register_xlsx(State(app): State<AppState>, ctx: Ctx) -> Result<Response, PageError> {
    let rows = register_rows(&app, &ctx).await?;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let xlsx_err = |e: rust_xlsxwriter::XlsxError| AppError::Internal(format!("xlsx: {e}"));
    sheet.set_name(ctx.t.s("register")).map_err(xlsx_err)?;
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if r == 0 {
                sheet
                    .write_string_with_format(0, c as u16, cell, &bold)
                    .map_err(xlsx_err)?;
            } else {
                // Strings, never formulas: the register holds what people typed.
                sheet
                    .write_string(r as u32, c as u16, cell)
                    .map_err(xlsx_err)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx_err)?;
    let bytes = book.save_to_buffer().map_err(xlsx_err)?;
    Ok(download(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "gezi-register.xlsx",
        bytes,
    ))
}

async fn visible_assessments(
    app: &AppState,
    ctx: &Ctx,
) -> Result<Vec<(DataFile, Option<Assessment>)>, AppError> {
    let files = app
        .store
        .data_files(access::visible_unit(&ctx.user))
        .await?;
    let all = app.store.assessments().await?;
    Ok(files
        .into_iter()
        .map(|f| {
            let a = all.iter().find(|a| a.data_file_id == f.id).cloned();
            (f, a)
        })
        .collect())
}

async fn risk_csv(State(app): State<AppState>, ctx: Ctx) -> Result<Response, PageError> {
    let mut rows = vec![std::iter::once(ctx.t.s("name").to_string())
        .chain(Factor::ALL.iter().flat_map(|f| {
            let l = ctx.lang.pick(f.labels());
            [l.to_string(), format!("{l} — {}", ctx.t.s("reason"))]
        }))
        .chain([
            ctx.t.s("impact").into(),
            ctx.t.s("likelihood").into(),
            ctx.t.s("level").into(),
        ])
        .collect::<Vec<_>>()];
    for (f, a) in visible_assessments(&app, &ctx).await? {
        let Some(a) = a else { continue };
        let mut row = vec![f.fields.name.clone()];
        for factor in Factor::ALL {
            let s = a.factors.iter().find(|s| s.factor == factor.id());
            row.push(s.map(|s| s.score.to_string()).unwrap_or_default());
            row.push(s.map(|s| s.reason.clone()).unwrap_or_default());
        }
        row.extend([
            a.impact.to_string(),
            a.likelihood.to_string(),
            a.level.clone(),
        ]);
        rows.push(row);
    }
    Ok(download(
        "text/csv; charset=utf-8",
        "gezi-risk.csv",
        csv(&rows).into_bytes(),
    ))
}

struct ReportRow {
    name: String,
    unit: String,
    items: String,
    special: bool,
    records: i64,
    level: &'static str,
    level_id: String,
    published: String,
}

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage {
    ctx: Ctx,
    title: &'static str,
    org: String,
    generated: String,
    rows: Vec<ReportRow>,
    high: usize,
    unassessed: usize,
}

async fn report(State(app): State<AppState>, ctx: Ctx) -> Result<Response, PageError> {
    let units = app.store.units().await?;
    let settings = app.store.settings().await?;
    let rows: Vec<ReportRow> = visible_assessments(&app, &ctx)
        .await?
        .into_iter()
        .map(|(f, a)| {
            let level_id = a.as_ref().map(|a| a.level.clone()).unwrap_or_default();
            ReportRow {
                unit: gezi_store::units::unit_name(&units, f.unit_id),
                items: f.fields.items.join("、"),
                special: !f.fields.special_items.is_empty(),
                records: f.fields.record_count,
                level: ctx.lang.pick(level_labels(&level_id)),
                published: f
                    .published_at
                    .as_deref()
                    .map(|p| p[..10].to_string())
                    .unwrap_or_default(),
                name: f.fields.name,
                level_id,
            }
        })
        .collect();
    let title = ctx.t.s("report");
    crate::pages_render(ReportPage {
        org: settings.get("org_name").cloned().unwrap_or_default(),
        generated: gezi_store::now(),
        high: rows.iter().filter(|r| r.level_id == "high").count(),
        unassessed: rows.iter().filter(|r| r.level_id.is_empty()).count(),
        rows,
        title,
        ctx,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_never_formulas() {
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("員工資料"), "員工資料");
    }
}
