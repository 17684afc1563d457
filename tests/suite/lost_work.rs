//! No lost work: a build killed at any moment (SIGKILL, so no clean-up code
//! runs) leaves the earlier PDF whole, and the output can never be one of the
//! build's own inputs.
//!
//! The kills hit the real binary. To land some of them while the file is
//! being written, the document carries a large incompressible logo (so the
//! write takes a while) and the test watches the folder for the build's
//! temporary file, killing the build the moment it appears.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::{
    HANG_GUARD, assert_ok, assert_refused, command, complete_case, path_str, pdf_info, pdf_text,
    promocase,
};

/// A PNG of `side`×`side` pixels of noise, stored without compression, so
/// neither the file nor the PDF that embeds it can be small.
fn noise_png(side: u32) -> Vec<u8> {
    let row = 1 + 3 * side as usize;
    let mut raw = Vec::with_capacity(row * side as usize);
    let mut seed: u32 = 0x9E37_79B9;
    for _ in 0..side {
        raw.extend_from_slice(&[0]); // row filter: none
        for _ in 0..3 * side {
            // xorshift: cheap, deterministic noise
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            raw.push(seed as u8);
        }
    }
    // A zlib stream of stored (uncompressed) deflate blocks.
    let mut zlib = vec![0x78, 0x01];
    let mut chunks = raw.chunks(65_535).peekable();
    while let Some(chunk) = chunks.next() {
        zlib.push(u8::from(chunks.peek().is_none()));
        let len = chunk.len() as u16;
        zlib.extend_from_slice(&len.to_le_bytes());
        zlib.extend_from_slice(&(!len).to_le_bytes());
        zlib.extend_from_slice(chunk);
    }
    zlib.extend_from_slice(&adler32(&raw).to_be_bytes());

    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::new();
    header.extend_from_slice(&side.to_be_bytes());
    header.extend_from_slice(&side.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit RGB
    for (kind, data) in [
        (&b"IHDR"[..], &header[..]),
        (b"IDAT", &zlib),
        (b"IEND", &[]),
    ] {
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut chunk = kind.to_vec();
        chunk.extend_from_slice(data);
        png.extend_from_slice(&chunk);
        png.extend_from_slice(&crc32(&chunk).to_be_bytes());
    }
    png
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Writes the complete case into `dir` as `case.yaml`, with the candidate
/// called `name` and the noise logo.
fn write_case(dir: &Path, name: &str) {
    let text = std::fs::read_to_string(complete_case())
        .unwrap()
        .replace("name: Jonas Bergmann", &format!("name: {name}"))
        .replace("  accent_color: \"#7A2E39\"", "  logo: noise.png");
    std::fs::write(dir.join("case.yaml"), text).unwrap();
}

/// Whether the build with process id `pid` is writing its temporary file.
/// (The name is promocase's convention: `.NAME.PID.tmp` beside the output.)
fn writing(dir: &Path, pid: u32) -> bool {
    dir.join(format!(".proposal.pdf.{pid}.tmp")).exists()
}

#[cfg(unix)]
#[test]
fn a_build_killed_at_any_moment_leaves_the_earlier_pdf_whole() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("noise.png"), noise_png(1400)).unwrap();
    let case = dir.path().join("case.yaml");
    let out = dir.path().join("proposal.pdf");
    let args = ["build", path_str(&case), "-o", path_str(&out)];

    write_case(dir.path(), "Earlier Version");
    let started = Instant::now();
    assert_ok(&promocase(&args));
    let full_build = started.elapsed();
    let earlier = std::fs::read(&out).unwrap();
    assert!(earlier.len() > 4_000_000, "the logo makes a large PDF");

    // The killed builds render a different version, so a finished one shows.
    write_case(dir.path(), "Later Version");
    let rounds = 12;
    let mut mid_write = 0;
    for round in 0..rounds {
        let mut child = command(&args).spawn().unwrap();
        // Half the rounds kill at a moment spread across the build; the other
        // half wait for the temporary file and kill while it is being written.
        let wait_for_write = round % 2 == 1;
        let delay = full_build.mul_f64(f64::from(round) / f64::from(rounds));
        let start = Instant::now();
        let mut killed_while_writing = false;
        loop {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            let writing = writing(dir.path(), child.id());
            if (wait_for_write && writing) || (!wait_for_write && start.elapsed() >= delay) {
                child.kill().unwrap(); // SIGKILL
                killed_while_writing = writing;
                break;
            }
            assert!(start.elapsed() < HANG_GUARD, "the build hung");
            std::thread::sleep(Duration::from_micros(200));
        }
        let _ = child.wait();
        mid_write += usize::from(killed_while_writing);

        // Whatever the moment, the output is a whole PDF: the earlier one, or
        // the later one if the kill came after it was complete.
        let now = std::fs::read(&out).expect("the output still exists");
        if now != earlier {
            let info = pdf_info(&out);
            assert!(info.is_ok(), "round {round}: a broken PDF: {info:?}");
            assert!(pdf_text(&out).contains("Later Version"), "round {round}");
        }
        // Nothing else looks like output: leftovers are hidden temporary files.
        for entry in std::fs::read_dir(dir.path()).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            assert!(
                ["case.yaml", "noise.png", "proposal.pdf"].contains(&name.as_str())
                    || (name.starts_with(".proposal.pdf.") && name.ends_with(".tmp")),
                "round {round}: unexpected file {name}"
            );
        }
        // Start each round afresh: the earlier PDF, no leftovers.
        for entry in std::fs::read_dir(dir.path()).unwrap().flatten() {
            if entry.file_name().to_string_lossy().ends_with(".tmp") {
                std::fs::remove_file(entry.path()).unwrap();
            }
        }
        std::fs::write(&out, &earlier).unwrap();
    }
    // How many kills landed mid-write depends on the machine; it is reported, not asserted.
    eprintln!("{mid_write} of {rounds} kills landed while the PDF was being written");
}

fn refused_output(args: &[&str], protected: &Path) {
    let before = std::fs::read(protected).unwrap();
    let messages = assert_refused(&promocase(args));
    assert!(messages.contains("refusing to write over it"), "{messages}");
    assert_eq!(
        std::fs::read(protected).unwrap(),
        before,
        "{}",
        protected.display()
    );
}

#[test]
fn the_output_can_never_be_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case.yaml");
    std::fs::copy(complete_case(), &case).unwrap();
    let c = path_str(&case);

    // The case itself, also by another spelling of its path.
    refused_output(&["build", c, "-o", c], &case);
    let dotted = dir.path().join(".").join("case.yaml");
    refused_output(&["build", c, "-o", path_str(&dotted)], &case);

    // A template of --template-dir, as the PDF output.
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    let common = promocase::render::templates::BUILTIN
        .iter()
        .find(|(name, _)| *name == "common.typ")
        .map(|(_, text)| *text)
        .unwrap();
    std::fs::write(templates.join("common.typ"), common).unwrap();
    let t = path_str(&templates);
    let template = templates.join("common.typ");
    refused_output(
        &["build", c, "-o", path_str(&template), "--template-dir", t],
        &template,
    );

    // The company rubric the check ran with.
    let rubric = dir.path().join("rubric.yaml");
    std::fs::write(&rubric, "level: director\n").unwrap();
    let r = path_str(&rubric);
    refused_output(&["build", c, "-o", r, "--rubric", r], &rubric);

    // A font of --font-path.
    let fonts = dir.path().join("fonts");
    std::fs::create_dir(&fonts).unwrap();
    let font = fonts.join("copy.otf");
    std::fs::write(&font, embedded_font()).unwrap();
    refused_output(
        &[
            "build",
            c,
            "-o",
            path_str(&font),
            "--font-path",
            path_str(&fonts),
        ],
        &font,
    );

    #[cfg(unix)]
    {
        // A link to the case, under an output's name.
        let link = dir.path().join("proposal.pdf");
        std::os::unix::fs::symlink(&case, &link).unwrap();
        refused_output(&["build", c, "-o", path_str(&link)], &case);
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink(),
            "the link is left as it was"
        );
        // A hard link: the same file under another name.
        let hard = dir.path().join("hard.pdf");
        std::fs::hard_link(&case, &hard).unwrap();
        refused_output(&["build", c, "-o", path_str(&hard)], &case);
    }
}

/// The bytes of a font built into promocase, standing in for a company font.
fn embedded_font() -> Vec<u8> {
    typst_kit::fonts::embedded()
        .next()
        .map(|(font, _)| font.data().to_vec())
        .expect("promocase embeds fonts")
}
