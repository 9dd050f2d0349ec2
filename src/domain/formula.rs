//! Indicator formulas: a small expression language over figures.
//!
//! ```text
//! expr  := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)?
//! sum   := term (("+" | "-") term)*
//! term  := unary (("*" | "/") unary)*
//! unary := "-" unary | atom
//! atom  := number | code | func "(" expr ("," expr)* ")" | "(" expr ")"
//! func  := min | max | if        (if(condition, then, else))
//! code  := [a-z_][a-z0-9_.]*     (a metric or another indicator)
//! ```
//!
//! A comparison is 1 when true and 0 when false. A missing figure, or a
//! division by zero, gives "no value" (`None`), never a crash or an
//! infinity. Parse errors name the position (1-based, in characters).

use crate::i18n::messages::Msg;
use std::collections::{BTreeSet, HashMap};

use super::DomainError;

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Num(f64),
    Ref(String),
    Neg(Box<Expr>),
    Bin(Op, Box<Expr>, Box<Expr>),
    Call(Func, Vec<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    Min,
    Max,
    If,
}

/// A parsed formula and its source text.
#[derive(Debug, Clone, PartialEq)]
pub struct Formula {
    source: String,
    expr: Expr,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Ident(String),
    Op(&'static str),
    LParen,
    RParen,
    Comma,
}

fn err(pos: usize, msg: impl Into<Msg>) -> DomainError {
    DomainError::invalid(
        "formula",
        Msg::new("programme.formula_at")
            .arg("pos", pos)
            .arg_msg("message", msg.into()),
    )
}

fn lex(src: &str) -> Result<Vec<(usize, Tok)>, DomainError> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let pos = i + 1;
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit()
            || (c == '.' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()))
        {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            let n = text
                .parse::<f64>()
                .map_err(|_| err(pos, Msg::new("value.not_a_number").arg("value", &text)))?;
            out.push((pos, Tok::Num(n)));
        } else if c.is_ascii_lowercase() || c == '_' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_lowercase()
                    || chars[i].is_ascii_digit()
                    || chars[i] == '_'
                    || chars[i] == '.')
            {
                i += 1;
            }
            out.push((pos, Tok::Ident(chars[start..i].iter().collect())));
        } else {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            let op2 = ["<=", ">=", "==", "!="].into_iter().find(|o| *o == two);
            if let Some(op) = op2 {
                out.push((pos, Tok::Op(op)));
                i += 2;
                continue;
            }
            let tok = match c {
                '+' => Tok::Op("+"),
                '-' => Tok::Op("-"),
                '*' | '×' => Tok::Op("*"),
                '/' | '÷' => Tok::Op("/"),
                '<' => Tok::Op("<"),
                '>' => Tok::Op(">"),
                '(' => Tok::LParen,
                ')' => Tok::RParen,
                ',' => Tok::Comma,
                other => {
                    return Err(err(
                        pos,
                        Msg::new("programme.formula_unexpected_char").arg("character", other),
                    ));
                }
            };
            out.push((pos, tok));
            i += 1;
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<(usize, Tok)>,
    at: usize,
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at).map(|t| &t.1)
    }

    fn pos(&self) -> usize {
        self.toks.get(self.at).map(|t| t.0).unwrap_or(self.end)
    }

    fn expect(&mut self, want: Tok, what: &str) -> Result<(), DomainError> {
        if self.peek() == Some(&want) {
            self.at += 1;
            Ok(())
        } else {
            Err(err(
                self.pos(),
                Msg::new("programme.formula_expected").arg("what", what),
            ))
        }
    }

    fn expr(&mut self) -> Result<Expr, DomainError> {
        let left = self.sum()?;
        let op = match self.peek() {
            Some(Tok::Op("<")) => Op::Lt,
            Some(Tok::Op("<=")) => Op::Le,
            Some(Tok::Op(">")) => Op::Gt,
            Some(Tok::Op(">=")) => Op::Ge,
            Some(Tok::Op("==")) => Op::Eq,
            Some(Tok::Op("!=")) => Op::Ne,
            _ => return Ok(left),
        };
        self.at += 1;
        let right = self.sum()?;
        Ok(Expr::Bin(op, Box::new(left), Box::new(right)))
    }

    fn sum(&mut self) -> Result<Expr, DomainError> {
        let mut left = self.term()?;
        loop {
            let op = match self.peek() {
                Some(Tok::Op("+")) => Op::Add,
                Some(Tok::Op("-")) => Op::Sub,
                _ => return Ok(left),
            };
            self.at += 1;
            left = Expr::Bin(op, Box::new(left), Box::new(self.term()?));
        }
    }

    fn term(&mut self) -> Result<Expr, DomainError> {
        let mut left = self.unary()?;
        loop {
            let op = match self.peek() {
                Some(Tok::Op("*")) => Op::Mul,
                Some(Tok::Op("/")) => Op::Div,
                _ => return Ok(left),
            };
            self.at += 1;
            left = Expr::Bin(op, Box::new(left), Box::new(self.unary()?));
        }
    }

    fn unary(&mut self) -> Result<Expr, DomainError> {
        if self.peek() == Some(&Tok::Op("-")) {
            self.at += 1;
            return Ok(Expr::Neg(Box::new(self.unary()?)));
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<Expr, DomainError> {
        let pos = self.pos();
        match self.toks.get(self.at).map(|t| t.1.clone()) {
            Some(Tok::Num(n)) => {
                self.at += 1;
                Ok(Expr::Num(n))
            }
            Some(Tok::LParen) => {
                self.at += 1;
                let e = self.expr()?;
                self.expect(Tok::RParen, "')'")?;
                Ok(e)
            }
            Some(Tok::Ident(name)) => {
                self.at += 1;
                if self.peek() != Some(&Tok::LParen) {
                    return Ok(Expr::Ref(name));
                }
                let func = match name.as_str() {
                    "min" => Func::Min,
                    "max" => Func::Max,
                    "if" => Func::If,
                    other => {
                        return Err(err(
                            pos,
                            Msg::new("programme.formula_unknown_function").arg("name", other),
                        ));
                    }
                };
                self.at += 1;
                let mut args = vec![self.expr()?];
                while self.peek() == Some(&Tok::Comma) {
                    self.at += 1;
                    args.push(self.expr()?);
                }
                self.expect(Tok::RParen, "')' or ','")?;
                if func == Func::If && args.len() != 3 {
                    return Err(err(
                        pos,
                        Msg::new("programme.formula_if_arguments").arg("got", args.len()),
                    ));
                }
                Ok(Expr::Call(func, args))
            }
            Some(other) => Err(err(
                pos,
                Msg::new("programme.formula_unexpected").arg_msg("token", describe(&other)),
            )),
            None => Err(err(pos, Msg::new("programme.formula_ends_early"))),
        }
    }
}

/// A token in words, inside a message.
fn describe(t: &Tok) -> Msg {
    let text = match t {
        Tok::Num(n) => return Msg::new("programme.formula_number").arg("value", n),
        Tok::Ident(s) => s.clone(),
        Tok::Op(o) => (*o).to_owned(),
        Tok::LParen => "(".into(),
        Tok::RParen => ")".into(),
        Tok::Comma => ",".into(),
    };
    Msg::new("programme.formula_symbol").arg("value", text)
}

impl Formula {
    pub fn parse(src: &str) -> Result<Formula, DomainError> {
        if src.chars().count() > 500 {
            return Err(DomainError::invalid(
                "formula",
                Msg::new("value.at_most_chars").arg("max", 500),
            ));
        }
        let toks = lex(src)?;
        let end = src.chars().count() + 1;
        if toks.is_empty() {
            return Err(err(1, Msg::new("programme.formula_empty")));
        }
        let mut p = Parser { toks, at: 0, end };
        let expr = p.expr()?;
        if let Some(t) = p.peek().cloned() {
            return Err(err(
                p.pos(),
                Msg::new("programme.formula_after_end").arg_msg("token", describe(&t)),
            ));
        }
        Ok(Formula {
            source: src.trim().to_owned(),
            expr,
        })
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    /// The codes the formula reads.
    pub fn references(&self) -> BTreeSet<String> {
        fn walk(e: &Expr, out: &mut BTreeSet<String>) {
            match e {
                Expr::Num(_) => {}
                Expr::Ref(r) => {
                    out.insert(r.clone());
                }
                Expr::Neg(x) => walk(x, out),
                Expr::Bin(_, a, b) => {
                    walk(a, out);
                    walk(b, out);
                }
                Expr::Call(_, args) => args.iter().for_each(|a| walk(a, out)),
            }
        }
        let mut out = BTreeSet::new();
        walk(&self.expr, &mut out);
        out
    }

    /// Evaluate with `lookup` giving each code's figure.
    pub fn eval(&self, lookup: &mut dyn FnMut(&str) -> Option<f64>) -> Option<f64> {
        eval(&self.expr, lookup).filter(|v| v.is_finite())
    }
}

fn eval(e: &Expr, lookup: &mut dyn FnMut(&str) -> Option<f64>) -> Option<f64> {
    Some(match e {
        Expr::Num(n) => *n,
        Expr::Ref(r) => lookup(r)?,
        Expr::Neg(x) => -eval(x, lookup)?,
        Expr::Bin(op, a, b) => {
            let (a, b) = (eval(a, lookup)?, eval(b, lookup)?);
            let t = |c: bool| if c { 1.0 } else { 0.0 };
            match op {
                Op::Add => a + b,
                Op::Sub => a - b,
                Op::Mul => a * b,
                Op::Div if b == 0.0 => return None,
                Op::Div => a / b,
                Op::Lt => t(a < b),
                Op::Le => t(a <= b),
                Op::Gt => t(a > b),
                Op::Ge => t(a >= b),
                Op::Eq => t(a == b),
                Op::Ne => t(a != b),
            }
        }
        Expr::Call(Func::If, args) => {
            if eval(&args[0], lookup)? != 0.0 {
                eval(&args[1], lookup)?
            } else {
                eval(&args[2], lookup)?
            }
        }
        Expr::Call(f, args) => {
            let mut vals = Vec::with_capacity(args.len());
            for a in args {
                vals.push(eval(a, lookup)?);
            }
            let init = if *f == Func::Min {
                f64::INFINITY
            } else {
                f64::NEG_INFINITY
            };
            vals.into_iter().fold(init, |acc, v| {
                if *f == Func::Min {
                    acc.min(v)
                } else {
                    acc.max(v)
                }
            })
        }
    })
}

/// Check that formulas defined in terms of each other have no cycle (an
/// indicator that needs itself). `defs` maps each defined code to its
/// formula; codes not in `defs` are base metrics.
pub fn check_acyclic(defs: &HashMap<String, Formula>) -> Result<(), DomainError> {
    fn visit(
        code: &str,
        defs: &HashMap<String, Formula>,
        state: &mut HashMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Result<(), DomainError> {
        match state.get(code) {
            Some(2) => return Ok(()),
            Some(1) => {
                let start = path.iter().position(|p| p == code).unwrap_or(0);
                let mut cycle = path[start..].to_vec();
                cycle.push(code.to_owned());
                return Err(DomainError::invalid(
                    "formula",
                    Msg::new("programme.formula_cycle").arg("cycle", cycle.join(" → ")),
                ));
            }
            _ => {}
        }
        let Some(f) = defs.get(code) else {
            return Ok(());
        };
        state.insert(code.to_owned(), 1);
        path.push(code.to_owned());
        for r in f.references() {
            visit(&r, defs, state, path)?;
        }
        path.pop();
        state.insert(code.to_owned(), 2);
        Ok(())
    }
    let mut state = HashMap::new();
    let mut codes: Vec<&String> = defs.keys().collect();
    codes.sort();
    for code in codes {
        visit(code, defs, &mut state, &mut Vec::new())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(src: &str, vals: &[(&str, f64)]) -> Option<f64> {
        let f = Formula::parse(src).unwrap();
        f.eval(&mut |c| vals.iter().find(|(k, _)| *k == c).map(|(_, v)| *v))
    }

    #[test]
    fn arithmetic_precedence_and_functions() {
        assert_eq!(
            ev(
                "100 * hh_zalo / hh_total",
                &[("hh_zalo", 85.0), ("hh_total", 100.0)]
            ),
            Some(85.0)
        );
        assert_eq!(ev("1 + 2 * 3", &[]), Some(7.0));
        assert_eq!(ev("(1 + 2) * 3", &[]), Some(9.0));
        assert_eq!(ev("-2 - -3", &[]), Some(1.0));
        assert_eq!(ev("min(3, 1, 2) + max(4, 5)", &[]), Some(6.0));
        assert_eq!(ev("if(a >= 10, 1, 0)", &[("a", 10.0)]), Some(1.0));
        assert_eq!(ev("if(a != 10, 1, 0)", &[("a", 10.0)]), Some(0.0));
        assert_eq!(ev("0.5 * 4", &[]), Some(2.0));
    }

    #[test]
    fn division_by_zero_and_missing_values_give_no_value() {
        assert_eq!(ev("100 * a / b", &[("a", 3.0), ("b", 0.0)]), None);
        assert_eq!(ev("a + 1", &[]), None);
        assert_eq!(ev("if(1, 2, missing)", &[]), Some(2.0));
    }

    #[test]
    fn parse_errors_point_at_the_position() {
        let cases = [
            ("100 * / b", "position 7"),
            ("(a + b", "position 7"),
            ("a + b)", "position 6"),
            ("a $ b", "position 3"),
            ("sqrt(a)", "position 1"),
            ("if(a, b)", "position 1"),
            ("", "position 1"),
            ("a b", "position 3"),
        ];
        for (src, want) in cases {
            let e = Formula::parse(src).unwrap_err();
            assert_eq!(e.field(), "formula");
            assert!(e.reason().to_string().contains(want), "{src:?}: {e}");
        }
    }

    #[test]
    fn references_and_cycles() {
        let f = Formula::parse("100 * hh_zalo / max(hh_total, 1)").unwrap();
        assert_eq!(
            f.references().into_iter().collect::<Vec<_>>(),
            ["hh_total", "hh_zalo"]
        );
        let mut defs = HashMap::new();
        defs.insert("a".to_string(), Formula::parse("b + 1").unwrap());
        defs.insert("b".to_string(), Formula::parse("hh_total * 2").unwrap());
        assert!(check_acyclic(&defs).is_ok());
        defs.insert("c".to_string(), Formula::parse("c + 1").unwrap());
        assert!(
            check_acyclic(&defs)
                .unwrap_err()
                .reason()
                .to_string()
                .contains("c → c")
        );
        defs.remove("c");
        defs.insert("b".to_string(), Formula::parse("a * 2").unwrap());
        assert!(
            check_acyclic(&defs)
                .unwrap_err()
                .reason()
                .to_string()
                .contains("refers to itself")
        );
    }
}
