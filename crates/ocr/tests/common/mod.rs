//! Shared by the OCR tests and `examples/ocr_eval.rs`: the rendered forms of
//! `scripts/corpus/render_forms.py`, their manifest, and text comparison.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The repository's root (two levels above this crate).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The engine from the installed models, or a panic saying how to install them.
pub fn engine() -> gezi_ocr::OcrEngine {
    let dir = gezi_ocr::OcrEngine::default_dir();
    gezi_ocr::OcrEngine::from_dir(&dir).unwrap_or_else(|e| {
        panic!(
            "OCR models are not installed in {} ({e}).\n\
             Install them with: bash scripts/setup_ocr.sh   (needs python3 with pip; downloads the \
             PyPI wheels rapidocr==3.10.0 and onnxruntime==1.32.0 and unzips 4 files)\n\
             or point GEZI_OCR_DIR at a folder that has them.",
            dir.display()
        )
    })
}

/// One rendered image and what was planted in it.
#[derive(Debug, Clone)]
pub struct Form {
    pub file: String,
    pub path: PathBuf,
    pub quality: String,
    pub script: String,
    pub frames: usize,
    /// (kind, value, frame, label)
    pub values: Vec<(String, String, usize, String)>,
    /// (frame, text) in reading order.
    pub lines: Vec<(usize, String)>,
}

/// Renders the forms into `out` with the corpus script and reads its manifest; panics
/// with install instructions when python3, Pillow or the fonts are missing.
pub fn render_forms(out: &Path) -> Vec<Form> {
    let script = repo_root().join("scripts/corpus/render_forms.py");
    // The corpus venv of .ci/run when it is there (GEZI_CORPUS_PYTHON), else python3.
    let python = std::env::var("GEZI_CORPUS_PYTHON").unwrap_or_else(|_| "python3".into());
    let run = Command::new(&python).arg(&script).arg(out).output();
    let how = "Install: python3 (Debian python3), Pillow (pip install pillow==13.0.0) and the \
               fonts (apt-get install fonts-noto-cjk), or run .ci/run.";
    let run = run.unwrap_or_else(|e| panic!("cannot run {python} ({e}). {how}"));
    if !run.status.success() {
        panic!(
            "{} failed: {}\n{how}",
            script.display(),
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let manifest: Value = serde_json::from_slice(
        &std::fs::read(out.join("manifest.json")).expect("render_forms.py writes manifest.json"),
    )
    .expect("manifest.json is JSON");
    manifest["images"]
        .as_array()
        .expect("images")
        .iter()
        .map(|im| {
            let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
            Form {
                file: s(&im["file"]),
                path: out.join(s(&im["file"])),
                quality: s(&im["quality"]),
                script: s(&im["script"]),
                frames: im["frames"].as_u64().unwrap_or(1) as usize,
                values: im["values"]
                    .as_array()
                    .expect("values")
                    .iter()
                    .map(|v| {
                        (
                            s(&v["kind"]),
                            s(&v["value"]),
                            v["frame"].as_u64().unwrap_or(1) as usize,
                            s(&v["label"]),
                        )
                    })
                    .collect(),
                lines: im["lines"]
                    .as_array()
                    .expect("lines")
                    .iter()
                    .map(|l| (l[0].as_u64().unwrap_or(1) as usize, s(&l[1])))
                    .collect(),
            }
        })
        .collect()
}

/// Traditional and Simplified forms of the characters of the rendered forms: degraded
/// pages sometimes come out in the other script.
const TS: &[(char, char)] = &[
    ('陳', '陈'),
    ('張', '张'),
    ('黃', '黄'),
    ('劉', '刘'),
    ('楊', '杨'),
    ('許', '许'),
    ('鄭', '郑'),
    ('謝', '谢'),
    ('貞', '贞'),
    ('傑', '杰'),
    ('蘭', '兰'),
    ('吳', '吴'),
    ('國', '国'),
    ('華', '华'),
    ('強', '强'),
    ('麗', '丽'),
    ('趙', '赵'),
    ('曉', '晓'),
    ('靜', '静'),
    ('孫', '孙'),
    ('馬', '马'),
    ('紅', '红'),
    ('偉', '伟'),
    ('號', '号'),
    ('證', '证'),
    ('電', '电'),
    ('話', '话'),
    ('郵', '邮'),
    ('聯', '联'),
    ('絡', '络'),
    ('緊', '紧'),
    ('訊', '讯'),
    ('動', '动'),
    ('別', '别'),
    ('請', '请'),
    ('編', '编'),
    ('區', '区'),
    ('灣', '湾'),
    ('樓', '楼'),
    ('龍', '龙'),
    ('彌', '弥'),
    ('積', '积'),
    ('軒', '轩'),
    ('詩', '诗'),
    ('臺', '台'),
    ('資', '资'),
    ('聲', '声'),
    ('僅', '仅'),
    ('審', '审'),
    ('個', '个'),
    ('們', '们'),
    ('為', '为'),
    ('與', '与'),
    ('關', '关'),
    ('機', '机'),
    ('處', '处'),
    ('從', '从'),
    ('說', '说'),
    ('頁', '页'),
    ('詢', '询'),
    ('門', '门'),
    ('東', '东'),
    ('業', '业'),
    ('專', '专'),
    ('長', '长'),
    ('書', '书'),
    ('時', '时'),
    ('間', '间'),
    ('來', '来'),
    ('檢', '检'),
    ('閱', '阅'),
    ('護', '护'),
    ('規', '规'),
    ('蒐', '搜'),
    ('點', '点'),
    ('錄', '录'),
    ('簽', '签'),
    ('檔', '档'),
];

/// Comparable text: whitespace removed, full-width ASCII folded (NFKC does the same for
/// these), Traditional folded to Simplified for the characters of [`TS`], ASCII upper
/// case kept (IDs are upper case).
pub fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => TS
                .iter()
                .find(|(t, _)| *t == c)
                .map(|(_, s)| *s)
                .unwrap_or(c),
        })
        .collect()
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Character accuracy of `got` against `truth`: 1 − edit distance / truth length, both
/// folded, at least 0.
pub fn char_accuracy(truth: &str, got: &str) -> f64 {
    let (t, g) = (fold(truth), fold(got));
    let n = t.chars().count().max(1);
    (1.0 - edit_distance(&t, &g) as f64 / n as f64).max(0.0)
}
