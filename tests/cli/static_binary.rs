//! The Linux binary is static (see `.cargo/config.toml` and `scripts/cc-static`): it asks for no dynamic loader and
//! no shared library, so it starts as fast as a process can. The check reads the ELF headers, so a change of
//! toolchain or linker that brings the loader back fails here instead of only slowing every command.
//!
//! It checks the binary the tests run (every profile is linked the same way) and, when `AIPATH_STATIC_BINARY` names
//! one, that file too: `.ci/run` names the release binary it has just built.

#![cfg(all(target_os = "linux", target_env = "gnu"))]

use std::path::Path;

const PT_DYNAMIC: u32 = 2;
const PT_INTERP: u32 = 3;
const DT_NULL: u64 = 0;
const DT_NEEDED: u64 = 1;

/// Why an ELF file is not a static executable, or `None` when it is one: no `PT_INTERP` (no loader to run) and no
/// `DT_NEEDED` entry (no library to load). A static-pie binary keeps a dynamic section for its own relocations only.
fn dynamic_dependency(bytes: &[u8]) -> Result<Option<String>, String> {
    let u16_at = |at: usize| -> Result<u16, String> {
        bytes
            .get(at..at + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
            .ok_or_else(|| format!("truncated at byte {at}"))
    };
    let u32_at = |at: usize| -> Result<u32, String> {
        bytes
            .get(at..at + 4)
            .and_then(|b| b.try_into().ok())
            .map(u32::from_le_bytes)
            .ok_or_else(|| format!("truncated at byte {at}"))
    };
    let u64_at = |at: usize| -> Result<u64, String> {
        bytes
            .get(at..at + 8)
            .and_then(|b| b.try_into().ok())
            .map(u64::from_le_bytes)
            .ok_or_else(|| format!("truncated at byte {at}"))
    };
    let to_usize = |v: u64| usize::try_from(v).map_err(|e| e.to_string());
    if bytes.get(..4) != Some(b"\x7fELF") {
        return Err("not an ELF file".into());
    }
    // 64-bit, little-endian: x86_64 and aarch64, the targets .cargo/config.toml links statically.
    if bytes.get(4..6) != Some(&[2, 1]) {
        return Err("not a 64-bit little-endian ELF file".into());
    }
    let phoff = to_usize(u64_at(0x20)?)?;
    let phentsize = usize::from(u16_at(0x36)?);
    let phnum = usize::from(u16_at(0x38)?);
    for i in 0..phnum {
        let header = phoff + i * phentsize;
        match u32_at(header)? {
            PT_INTERP => return Ok(Some("it names a dynamic loader (PT_INTERP)".into())),
            PT_DYNAMIC => {
                let offset = to_usize(u64_at(header + 0x08)?)?;
                let size = to_usize(u64_at(header + 0x20)?)?;
                for entry in (offset..offset + size).step_by(16) {
                    match u64_at(entry)? {
                        DT_NULL => break,
                        DT_NEEDED => {
                            return Ok(Some("it needs a shared library (DT_NEEDED)".into()));
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    Ok(None)
}

fn assert_static(binary: &Path) {
    let bytes = std::fs::read(binary).unwrap_or_else(|e| panic!("{}: {e}", binary.display()));
    match dynamic_dependency(&bytes) {
        Ok(None) => {}
        Ok(Some(why)) => panic!(
            "{} is not a static binary: {why}. .cargo/config.toml links Linux binaries through scripts/cc-static; \
             was another linker set (RUSTFLAGS, CARGO_TARGET_*_LINKER), or did the static link fail (a warning \
             from scripts/cc-static in the build log)?",
            binary.display()
        ),
        Err(e) => panic!("{}: {e}", binary.display()),
    }
    // ELF type at 0x10: 2 is a position-dependent executable (ET_EXEC), 3 a position-independent one (ET_DYN), which
    // relocates its own data as it starts: a fifth of `next`'s instructions on the built-in path, and 30 page faults.
    assert_eq!(
        bytes.get(0x10..0x12),
        Some(&[2u8, 0][..]),
        "{} is a position-independent executable (static-pie?): scripts/cc-static links with -static -no-pie",
        binary.display()
    );
}

#[test]
fn the_linux_binary_is_static() {
    assert_static(&crate::support::binary());
    if let Some(release) = std::env::var_os("AIPATH_STATIC_BINARY") {
        assert_static(Path::new(&release));
    }
}

#[test]
fn the_check_tells_a_dynamic_binary() {
    // The test binary itself is linked like aipath; a shared library's headers show what a dynamic file looks like.
    let mut found = None;
    for lib in [
        "/lib/x86_64-linux-gnu/libc.so.6",
        "/lib/aarch64-linux-gnu/libc.so.6",
        "/lib64/libc.so.6",
        "/usr/lib/libc.so.6",
    ] {
        if let Ok(bytes) = std::fs::read(lib) {
            found = Some(dynamic_dependency(&bytes));
            break;
        }
    }
    // glibc's libc.so.6 needs the loader (ld-linux) and names it as a library it needs.
    if let Some(result) = found {
        assert!(matches!(result, Ok(Some(_))), "{result:?}");
    }
    assert!(dynamic_dependency(b"#!/bin/sh\n").is_err());
}
