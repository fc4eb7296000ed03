//! gyokaku.exe opened from Explorer (double-clicked): a window of its own that would close as
//! soon as the program ends. Instead of a usage error it shows where to start (the numbered
//! .bat files) and waits for Enter.

use std::io::{BufRead, IsTerminal, Write};

/// What a double-click shows.
pub const GUIDE: &str = "\
gyokaku（行財政改革 進捗管理）

このファイル（gyokaku.exe）は、直接開いても何もしません。
同じフォルダにある番号つきの .bat ファイルを、順にダブルクリックしてください。

  1_入力シート作成.bat     部署ごとの Excel 入力シートを作成します
  2_提出ファイル点検.bat   返送された提出ファイルを点検します
  3_集計・資料作成.bat     集計ワークブックと委員会資料を作成します
  4_公表.bat               市民向けの公表用ファイルを作成します

くわしくは「はじめにお読みください.html」を開いてください。
";

/// Whether the program was started with no arguments in a console window of its own (as
/// Explorer opens it). On Windows: the console has no other process (no cmd.exe that would
/// keep the window). Elsewhere never: a terminal stays open after the program.
pub fn started_alone() -> bool {
    if std::env::args_os().len() > 1 || !std::io::stdin().is_terminal() {
        return false;
    }
    console_of_its_own()
}

#[cfg(windows)]
fn console_of_its_own() -> bool {
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn GetConsoleProcessList(list: *mut u32, count: u32) -> u32;
    }
    let mut ids = [0u32; 4];
    // SAFETY: the buffer holds `ids.len()` process ids, the count passed; the function writes
    // at most that many and returns how many processes share the console.
    let n = unsafe { GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) };
    n == 1
}

#[cfg(not(windows))]
fn console_of_its_own() -> bool {
    false
}

/// Shows the guide and waits for Enter.
pub fn show_guide_and_wait() {
    let mut out = std::io::stdout();
    let _ = write!(out, "{GUIDE}\nEnter キーを押すと、この画面を閉じます。");
    let _ = out.flush();
    let mut line = String::new();
    let _ = std::io::stdin().lock().read_line(&mut line);
}
