//! The command line as a user meets it: help with an example per command,
//! shell completions, the manual page, and the interactive start.

use crate::support::{promocase, promocase_in, run, stderr, stdout, terminal_command};

/// Help is wrapped to the terminal; fix its width so snapshots are stable.
fn help(args: &[&str]) -> String {
    let output = run(crate::support::command(args).env("COLUMNS", "100"));
    assert!(output.status.success(), "{}", stderr(&output));
    stdout(&output)
}

#[test]
fn help_of_every_command_shows_a_real_example() {
    let main_help = help(&["--help"]);
    insta::assert_snapshot!("help", main_help);
    let commands: Vec<String> = main_help
        .lines()
        .skip_while(|line| !line.starts_with("Commands:"))
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next().map(str::to_string))
        .filter(|name| name != "help")
        .collect();
    assert!(commands.len() >= 5, "{commands:?}");
    for command in commands {
        let text = help(&[&command, "--help"]);
        let example = text
            .lines()
            .find_map(|line| line.strip_prefix("Example: "))
            .unwrap_or_else(|| panic!("`{command} --help` shows no example:\n{text}"));
        assert!(
            example.starts_with(&format!("promocase {command}")),
            "{example}"
        );
        insta::assert_snapshot!(format!("help-{command}"), text);
    }
}

#[test]
fn completions_generate_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = promocase(&["completions", shell]);
        assert!(output.status.success(), "{shell}: {}", stderr(&output));
        let script = stdout(&output);
        for command in ["check", "init", "schema"] {
            assert!(
                script.contains(command),
                "{shell} completion lacks {command}"
            );
        }
    }
    assert_eq!(promocase(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn man_page_renders_and_writes_one_page_per_command() {
    let output = promocase(&["man"]);
    assert!(output.status.success());
    let page = stdout(&output);
    assert!(page.contains(".TH promocase 1"), "{page}");
    assert!(page.contains("check"), "{page}");

    let dir = tempfile::tempdir().unwrap();
    let output = promocase_in(dir.path(), &["man", "-o", "man"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let check_page = std::fs::read_to_string(dir.path().join("man/promocase-check.1")).unwrap();
    assert!(check_page.contains(".TH promocase-check 1"), "{check_page}");
    // Like every writer, it never overwrites without --force.
    assert_eq!(
        promocase_in(dir.path(), &["man", "-o", "man"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn interactive_init_refuses_without_a_terminal_and_never_waits() {
    let dir = tempfile::tempdir().unwrap();
    let output = promocase_in(dir.path(), &["init", "case.yaml", "--interactive"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("standard input is not one"),
        "{}",
        stderr(&output)
    );
    assert!(!dir.path().join("case.yaml").exists());
}

#[test]
fn interactive_init_asks_and_fills_the_case() {
    let dir = tempfile::tempdir().unwrap();
    let mut command = terminal_command(&["init", "ana.yaml", "--interactive"]);
    command.current_dir(dir.path());
    let mut session = rexpect::session::spawn_command(command, Some(10_000)).expect("pty session");
    let mut answer = |question: &str, reply: &str| {
        session
            .exp_string(question)
            .unwrap_or_else(|e| panic!("waiting for {question:?}: {e}"));
        session.send_line(reply).unwrap();
    };
    answer("Your full name: ", "Ana Ruiz: Growth #1");
    answer(
        "Level you aim for (senior-manager, director, vp) [director]: ",
        "ceo",
    );
    answer("type senior-manager, director or vp", "vp");
    answer("[other]: ", "marketing");
    answer("Your current title [Director of Marketing]: ", "");
    answer("The title you aim for [VP of Marketing]: ", "");
    answer("Company: ", "Lilienfeld Systems");
    answer("the executive's name (Enter to skip): ", "Jonas Weber");
    answer("Their title [Chief Operating Officer]: ", "");
    answer("Target date for the promotion (YYYY-MM)", "2020-01");
    answer("already past", "2031-09");
    session.exp_string("wrote ana.yaml").unwrap();
    session.exp_eof().unwrap();

    let text = std::fs::read_to_string(dir.path().join("ana.yaml")).unwrap();
    assert!(text.contains("name: \"Ana Ruiz: Growth #1\""), "{text}");
    assert!(text.contains("target_level: vp"), "{text}");
    assert!(text.contains("track: marketing"), "{text}");
    assert!(text.contains("target_title: VP of Marketing"), "{text}");
    assert!(text.contains("name: Jonas Weber"), "{text}");
    assert!(text.contains("target_date: 2031-09"), "{text}");
    let check = promocase_in(dir.path(), &["check", "ana.yaml"]);
    assert_ne!(check.status.code(), Some(2), "{}", stderr(&check));
}

#[test]
fn interactive_init_stops_cleanly_at_end_of_input() {
    let dir = tempfile::tempdir().unwrap();
    let mut command = terminal_command(&["init", "ana.yaml", "-i"]);
    command.current_dir(dir.path());
    let mut session = rexpect::session::spawn_command(command, Some(10_000)).expect("pty session");
    session.exp_string("Your full name: ").unwrap();
    session.send_control('d').unwrap();
    session.exp_string("nothing was written").unwrap();
    session.exp_eof().unwrap();
    assert!(!dir.path().join("ana.yaml").exists());
}
