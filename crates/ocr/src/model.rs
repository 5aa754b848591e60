//! The three ONNX models and one page through them: detect, crop, classify the angle,
//! recognise (CTC greedy decoding).

use std::path::{Path, PathBuf};

use ort::session::Session;
use ort::value::Tensor;

use crate::geom::{Img, Pt};
use crate::layout::Item;
use crate::{det, OcrError, OcrOptions, CLS_MODEL, DET_MODEL, ORT_LIB_PREFIX, REC_MODEL};

/// Line images per recogniser or classifier run.
const BATCH: usize = 6;
/// Height the recogniser reads lines at, and its narrowest input.
const REC_H: usize = 48;
const REC_MIN_W: usize = 320;
/// A line image is squeezed beyond this width-to-height ratio (bounds memory on hostile
/// images; a full A4 line at 300 dpi is about 60).
const REC_MAX_RATIO: f64 = 120.0;
const CLS_H: usize = 48;
const CLS_W: usize = 192;
/// Upside-down is believed only above this probability.
const CLS_THRESH: f32 = 0.9;
/// Lines the page's orientation is judged on, at most.
const CLS_SAMPLE: usize = 30;

/// Recognised boxes of a page.
pub(crate) struct PageItems {
    pub items: Vec<Item>,
    /// The page was read turned by 180° (boxes are in the turned page's pixels).
    pub upside_down: bool,
}

/// The files of the OCR folder.
#[derive(Debug, Clone)]
pub(crate) struct Paths {
    pub dir: PathBuf,
    pub det: PathBuf,
    pub cls: PathBuf,
    pub rec: PathBuf,
    pub lib: PathBuf,
}

impl Paths {
    pub fn find(dir: &Path) -> Result<Paths, OcrError> {
        let need = |name: &str| {
            let p = dir.join(name);
            if p.is_file() {
                Ok(p)
            } else {
                Err(OcrError::Missing { path: p })
            }
        };
        let det = need(DET_MODEL)?;
        let rec = need(REC_MODEL)?;
        let cls = need(CLS_MODEL)?;
        // `libonnxruntime.so.1.32.0` as the wheel has it, or a plain `.so` link to it;
        // the longest name is the versioned file.
        let mut libs: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .map(|e| e.path())
                    .filter(|p| {
                        p.is_file()
                            && p.file_name()
                                .and_then(|n| n.to_str())
                                .is_some_and(|n| n.starts_with(ORT_LIB_PREFIX))
                    })
                    .collect()
            })
            .unwrap_or_default();
        libs.sort_by_key(|p| std::cmp::Reverse(p.as_os_str().len()));
        let lib = libs.into_iter().next().ok_or_else(|| OcrError::Missing {
            path: dir.join(format!("{ORT_LIB_PREFIX}*")),
        })?;
        Ok(Paths {
            dir: dir.to_path_buf(),
            det,
            cls,
            rec,
            lib,
        })
    }
}

/// One set of sessions (they need `&mut` to run).
pub(crate) struct Models {
    det: Session,
    cls: Session,
    rec: Session,
}

fn session(path: &Path) -> Result<Session, OcrError> {
    let err = |e: String| OcrError::Model {
        path: path.to_path_buf(),
        reason: e,
    };
    let env = crate::env().map_err(|e| err(e.to_string()))?;
    let e = |e: ort::Error<ort::session::builder::SessionBuilder>| err(e.to_string());
    Session::builder(env)
        .map_err(|e| err(e.to_string()))?
        // gezi reads files in parallel: one thread per session, no pool of its own.
        .with_intra_threads(1)
        .map_err(e)?
        // ONNX Runtime's default, said so that it stays: fusions and the NCHWc layout.
        .with_optimization_level(ort::session::builder::GraphOptimizationLevel::All)
        .map_err(e)?
        .with_inter_threads(1)
        .map_err(e)?
        // The arena and memory patterns keep the largest page's buffers forever
        // (1.1 GB on one A4 page); input sizes vary from page to page anyway.
        .with_memory_pattern(false)
        .map_err(e)?
        .with_execution_providers([ort::ep::CPU::default().with_arena_allocator(false).build()])
        .map_err(e)?
        .commit_from_file(path)
        .map_err(|e| err(e.to_string()))
}

fn run_err(e: ort::Error) -> OcrError {
    OcrError::Inference(e.to_string())
}

/// Runs `s` on one f32 tensor and gives the first output's shape and data.
fn run(
    s: &mut Session,
    shape: [usize; 4],
    data: Vec<f32>,
) -> Result<(Vec<i64>, Vec<f32>), OcrError> {
    let input = Tensor::from_array((shape, data)).map_err(run_err)?;
    let out = s.run(ort::inputs![input]).map_err(run_err)?;
    let (shape, data) = out[0].try_extract_tensor::<f32>().map_err(run_err)?;
    Ok((shape.to_vec(), data.to_vec()))
}

impl Models {
    pub fn load(p: &Paths) -> Result<Models, OcrError> {
        Ok(Models {
            det: session(&p.det)?,
            cls: session(&p.cls)?,
            rec: session(&p.rec)?,
        })
    }

    /// The recogniser's classes: CTC blank, the characters of the model's metadata, and
    /// a space last (as PaddleOCR adds it).
    pub fn charset(&self) -> Result<Vec<String>, OcrError> {
        let meta = self.rec.metadata().map_err(|e| OcrError::Model {
            path: REC_MODEL.into(),
            reason: e.to_string(),
        })?;
        let chars = meta.custom("character").ok_or_else(|| OcrError::Model {
            path: REC_MODEL.into(),
            reason: "no character list in its metadata (key `character`)".into(),
        })?;
        let mut set = vec![String::new()];
        set.extend(
            chars
                .split('\n')
                .map(|c| c.trim_end_matches('\r').to_string()),
        );
        // A trailing newline would add an empty class that is not in the model.
        if set.last().is_some_and(|c| c.is_empty()) && set.len() > 1 {
            set.pop();
        }
        set.push(" ".into());
        Ok(set)
    }

    /// Text boxes of one page with their text, in pixels of the page as read (see
    /// [`PageItems::upside_down`]) scaled to the `orig` size.
    pub fn ocr(
        &mut self,
        img: &Img,
        orig: (usize, usize),
        charset: &[String],
        opts: &OcrOptions,
        step: &dyn Fn() -> Result<(), OcrError>,
    ) -> Result<PageItems, OcrError> {
        let (mut quads, mut crops) = self.detect(img, step)?;
        let mut upside_down = false;
        let turned;
        let mut page = img;
        if opts.use_cls && self.page_upside_down(&crops, step)? {
            // Read the page turned round, so that lines also come in reading order.
            turned = img.rot180();
            page = &turned;
            (quads, crops) = self.detect(page, step)?;
            upside_down = true;
        }
        // Narrow lines first: batches of similar widths pad less.
        let mut order: Vec<usize> = (0..crops.len()).collect();
        order.sort_by(|&a, &b| ratio(&crops[a]).total_cmp(&ratio(&crops[b])));
        let mut texts = vec![(String::new(), 0f32); crops.len()];
        for chunk in order.chunks(BATCH) {
            step()?;
            let got = self.recognise(chunk.iter().map(|&i| &crops[i]).collect(), charset)?;
            for (&i, t) in chunk.iter().zip(got) {
                texts[i] = t;
            }
        }
        let (fx, fy) = (orig.0 as f64 / page.w as f64, orig.1 as f64 / page.h as f64);
        let items = quads
            .into_iter()
            .zip(texts)
            .filter(|(_, (t, c))| !t.trim().is_empty() && *c >= opts.min_confidence)
            .map(|(q, (text, confidence))| Item {
                quad: q.map(|p: Pt| [p[0] * fx, p[1] * fy]),
                text: text.trim().to_string(),
                confidence,
            })
            .collect();
        Ok(PageItems { items, upside_down })
    }

    /// Text boxes of a page and their line images.
    fn detect(
        &mut self,
        img: &Img,
        step: &dyn Fn() -> Result<(), OcrError>,
    ) -> Result<(Vec<[Pt; 4]>, Vec<Img>), OcrError> {
        step()?;
        let mut inp = det::input(img);
        let data = std::mem::take(&mut inp.data);
        let (shape, pred) = run(&mut self.det, [1, 3, inp.h, inp.w], data)?;
        if shape.len() != 4 || pred.len() != inp.w * inp.h {
            return Err(OcrError::Inference(format!(
                "the detector gave a map of shape {shape:?} for an input of {}×{}",
                inp.w, inp.h
            )));
        }
        let quads = det::boxes(&pred, &inp, img.w, img.h);
        let crops = quads.iter().map(|q| img.crop_quad(q)).collect();
        Ok((quads, crops))
    }

    /// Whether the page is upside down: the angle classifier's vote over the longest
    /// lines, weighted by length. Decided per page, not per line: on short boxes (one
    /// character, a name) the classifier is often wrong, and turning those alone
    /// garbles them.
    fn page_upside_down(
        &mut self,
        crops: &[Img],
        step: &dyn Fn() -> Result<(), OcrError>,
    ) -> Result<bool, OcrError> {
        let mut longest: Vec<&Img> = crops.iter().filter(|c| ratio(c) >= 2.0).collect();
        longest.sort_by(|a, b| ratio(b).total_cmp(&ratio(a)));
        longest.truncate(CLS_SAMPLE);
        let (mut up, mut down) = (0f64, 0f64);
        for chunk in longest.chunks(BATCH) {
            step()?;
            for (c, flip) in chunk.iter().zip(self.classify(chunk.iter().copied())?) {
                if flip {
                    down += ratio(c);
                } else {
                    up += ratio(c);
                }
            }
        }
        Ok(down > 2.0 * up)
    }

    /// Whether each line image is upside down.
    fn classify<'a>(&mut self, imgs: impl Iterator<Item = &'a Img>) -> Result<Vec<bool>, OcrError> {
        let imgs: Vec<&Img> = imgs.collect();
        let plane = CLS_H * CLS_W;
        let mut data = vec![0f32; imgs.len() * 3 * plane];
        for (k, im) in imgs.iter().enumerate() {
            let rw = ((CLS_H as f64 * ratio(im)).ceil() as usize).clamp(1, CLS_W);
            fill(
                &mut data[k * 3 * plane..(k + 1) * 3 * plane],
                im,
                rw,
                CLS_H,
                CLS_W,
            );
        }
        let (shape, out) = run(&mut self.cls, [imgs.len(), 3, CLS_H, CLS_W], data)?;
        if shape.len() != 2 || shape[1] != 2 || out.len() != imgs.len() * 2 {
            return Err(OcrError::Inference(format!(
                "the angle classifier gave shape {shape:?}"
            )));
        }
        Ok(out
            .chunks_exact(2)
            .map(|p| p[1] > p[0] && p[1] > CLS_THRESH)
            .collect())
    }

    /// Text and mean confidence of each line image.
    fn recognise(
        &mut self,
        imgs: Vec<&Img>,
        charset: &[String],
    ) -> Result<Vec<(String, f32)>, OcrError> {
        let max_ratio = imgs
            .iter()
            .map(|im| ratio(im))
            .fold(REC_MIN_W as f64 / REC_H as f64, f64::max)
            .min(REC_MAX_RATIO);
        let tw = (REC_H as f64 * max_ratio) as usize;
        let plane = REC_H * tw;
        let mut data = vec![0f32; imgs.len() * 3 * plane];
        for (k, im) in imgs.iter().enumerate() {
            let rw = ((REC_H as f64 * ratio(im)).ceil() as usize).clamp(1, tw);
            fill(
                &mut data[k * 3 * plane..(k + 1) * 3 * plane],
                im,
                rw,
                REC_H,
                tw,
            );
        }
        let (shape, out) = run(&mut self.rec, [imgs.len(), 3, REC_H, tw], data)?;
        if shape.len() != 3 || shape[0] as usize != imgs.len() || shape[2] as usize != charset.len()
        {
            return Err(OcrError::Inference(format!(
                "the recogniser gave shape {shape:?}; {} classes expected from its character list",
                charset.len()
            )));
        }
        let (t, c) = (shape[1] as usize, shape[2] as usize);
        Ok(out
            .chunks_exact(t * c)
            .map(|seq| ctc_greedy(seq, c, charset))
            .collect())
    }
}

fn ratio(im: &Img) -> f64 {
    im.w as f64 / im.h as f64
}

/// Writes `im` resized to `rw × h`, normalised to -1..1 in BGR planes, into a tensor
/// slot `h × tw` (zero padding on the right).
fn fill(slot: &mut [f32], im: &Img, rw: usize, h: usize, tw: usize) {
    let r = im.resize(rw, h);
    let plane = h * tw;
    for y in 0..h {
        for x in 0..rw {
            let i = (y * rw + x) * 3;
            let o = y * tw + x;
            slot[o] = r.px[i + 2] as f32 / 127.5 - 1.0;
            slot[plane + o] = r.px[i + 1] as f32 / 127.5 - 1.0;
            slot[2 * plane + o] = r.px[i] as f32 / 127.5 - 1.0;
        }
    }
}

/// CTC greedy decoding: the best class of each step, repeats merged, blanks dropped;
/// the confidence is the mean probability of the characters kept.
fn ctc_greedy(seq: &[f32], classes: usize, charset: &[String]) -> (String, f32) {
    let mut text = String::new();
    let (mut sum, mut n) = (0f32, 0u32);
    let mut prev = usize::MAX;
    for step in seq.chunks_exact(classes) {
        let (best, p) =
            step.iter().enumerate().fold(
                (0, f32::MIN),
                |(bi, bp), (i, &p)| if p > bp { (i, p) } else { (bi, bp) },
            );
        if best != 0 && best != prev {
            text.push_str(&charset[best]);
            sum += p;
            n += 1;
        }
        prev = best;
    }
    (text, if n == 0 { 0.0 } else { sum / n as f32 })
}

#[cfg(test)]
mod tests {
    #[test]
    fn ctc_merges_repeats_and_drops_blanks() {
        let charset: Vec<String> = ["", "a", "b", " "].iter().map(|s| s.to_string()).collect();
        // a a blank a b b
        let steps = [1, 1, 0, 1, 2, 2];
        let mut seq = Vec::new();
        for s in steps {
            let mut p = vec![0.0f32; 4];
            p[s] = 0.9;
            seq.extend(p);
        }
        let (t, c) = super::ctc_greedy(&seq, 4, &charset);
        assert_eq!(t, "aab");
        assert!((c - 0.9).abs() < 1e-6);
    }
}
