//! Small-cell suppression with complementary suppression.
//!
//! A table is published with its margins: every row total, every column total and the grand
//! total. Seen whole, it is a grid of lines (each row, each column, the row of column totals,
//! the column of row totals), and in every line the inner entries add up to the line's total.
//!
//! 1. **Primary**: every entry (inner or margin) from 1 to k-1 is suppressed. Zeros are
//!    published: a zero names nobody.
//! 2. **Complementary**: a line with exactly one suppressed entry would give it away (total
//!    minus the others), so a second entry of that line is suppressed: the smallest
//!    non-zero published inner entry, else the smallest non-zero published entry (which may
//!    be the line's total), else the smallest published one. Suppressing an entry can expose
//!    the crossing line, so this repeats until no line holds exactly one suppressed entry.
//!
//! Suppression only grows, so it ends. It protects against recomputing a cell from the totals
//! of its own row or column, which is what tables like ours are attacked with; it is not a
//! full linear-programming audit across several published tables.

/// A table of counts: rows of equal length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub cells: Vec<Vec<i64>>,
}

/// Which entries of a table (and of its margins) are suppressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mask {
    /// `rows + 1` by `cols + 1`: the last row holds the column totals, the last column the
    /// row totals, the corner the grand total.
    pub hidden: Vec<Vec<bool>>,
    /// The values of the same grid.
    pub values: Vec<Vec<i64>>,
}

impl Mask {
    pub fn rows(&self) -> usize {
        self.values.len() - 1
    }

    pub fn cols(&self) -> usize {
        self.values[0].len() - 1
    }

    /// The entry at `(r, c)` of the grid, `None` when suppressed.
    pub fn get(&self, r: usize, c: usize) -> Option<i64> {
        (!self.hidden[r][c]).then_some(self.values[r][c])
    }
}

/// Suppresses `table` (rows of equal length, at least one row and column) for threshold `k`.
pub fn suppress(table: &Table, k: i64) -> Mask {
    let rows = table.cells.len();
    let cols = table.cells.first().map_or(0, Vec::len);
    let mut values = vec![vec![0i64; cols + 1]; rows + 1];
    for (r, row) in table.cells.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            values[r][c] = *v;
            values[r][cols] += v;
            values[rows][c] += v;
            values[rows][cols] += v;
        }
    }
    let hidden: Vec<Vec<bool>> = values
        .iter()
        .map(|row| row.iter().map(|v| *v > 0 && *v < k).collect())
        .collect();
    let mut mask = Mask { hidden, values };
    mask.complete();
    mask
}

impl Mask {
    /// Every line of the grid: its entries' coordinates, the total last. A table of one
    /// column (a distribution) has row totals equal to its cells, so its only lines are the
    /// column and its total; likewise for one row.
    fn lines(&self) -> Vec<Vec<(usize, usize)>> {
        let (rows, cols) = (self.rows(), self.cols());
        let mut lines: Vec<Vec<(usize, usize)>> = Vec::new();
        if cols > 1 {
            for r in 0..=(if rows > 1 { rows } else { 0 }) {
                lines.push((0..=cols).map(|c| (r, c)).collect());
            }
        }
        if rows > 1 {
            for c in 0..=(if cols > 1 { cols } else { 0 }) {
                lines.push((0..=rows).map(|r| (r, c)).collect());
            }
        }
        lines
    }

    /// Complementary suppression until no line holds exactly one suppressed entry.
    fn complete(&mut self) {
        let lines = self.lines();
        let values = &self.values;
        let hidden = &mut self.hidden;
        loop {
            let mut changed = false;
            for line in &lines {
                if line.iter().filter(|(r, c)| hidden[*r][*c]).count() != 1 {
                    continue;
                }
                let open: Vec<(usize, (usize, usize))> = line
                    .iter()
                    .enumerate()
                    .filter(|(_, (r, c))| !hidden[*r][*c])
                    .map(|(i, p)| (i, *p))
                    .collect();
                let total = line.len() - 1;
                let value = |p: &(usize, usize)| values[p.0][p.1];
                let pick = open
                    .iter()
                    .filter(|(i, p)| *i != total && value(p) > 0)
                    .min_by_key(|(i, p)| (value(p), *i))
                    .or_else(|| {
                        open.iter()
                            .filter(|(_, p)| value(p) > 0)
                            .min_by_key(|(i, p)| (value(p), *i))
                    })
                    .or_else(|| open.iter().min_by_key(|(i, p)| (value(p), *i)));
                if let Some((_, (r, c))) = pick {
                    hidden[*r][*c] = true;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        // The duplicate margin of a single column or row says what its cells say.
        if self.cols() == 1 {
            for row in self.hidden.iter_mut() {
                row[1] = row[0];
            }
        }
        if self.rows() == 1 {
            self.hidden[1] = self.hidden[0].clone();
        }
    }

    /// Suppresses one more entry (for a reason outside this table: a nested column, an
    /// earlier version), with the complementary entries that then protect it.
    pub fn hide(&mut self, r: usize, c: usize) {
        if self.hidden[r][c] {
            return;
        }
        self.hidden[r][c] = true;
        // In a single column or row, the duplicate margin is the same entry.
        if self.cols() == 1 {
            self.hidden[r][1 - c.min(1)] = true;
        }
        if self.rows() == 1 {
            self.hidden[1 - r.min(1)][c] = true;
        }
        self.complete();
    }
}

/// Suppresses nested columns together: `columns[j]` counts a subset of `columns[j + 1]` on
/// every row (reached within 24 h, within 48 h, within 72 h, of all orders). Each column is
/// first suppressed as a distribution over the rows; then, on each row (totals included), any
/// two published counts whose difference is from 1 to k-1 would publish that small count
/// (the orders reached between 24 and 48 h, say), so the inner one is hidden too, with its
/// complements in its column, until no published difference on any row is below k.
pub fn suppress_nested(columns: &[Table], k: i64) -> Vec<Mask> {
    let mut masks: Vec<Mask> = columns.iter().map(|t| suppress(t, k)).collect();
    let Some(rows) = masks.first().map(Mask::rows) else {
        return masks;
    };
    loop {
        let mut changed = false;
        for r in 0..=rows {
            // Published counts of the row in nested order, after an implicit zero.
            let published: Vec<(Option<usize>, i64)> = std::iter::once((None, 0))
                .chain(
                    masks
                        .iter()
                        .enumerate()
                        .filter_map(|(j, m)| m.get(r, 0).map(|v| (Some(j), v))),
                )
                .collect();
            let small = published.iter().enumerate().find_map(|(i, (inner, a))| {
                published[i + 1..]
                    .iter()
                    .find(|(_, b)| (1..k).contains(&(b - a)))
                    .map(|(outer, _)| inner.or(*outer))
            });
            if let Some(Some(j)) = small {
                masks[j].hide(r, 0);
                changed = true;
            }
        }
        if !changed {
            return masks;
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn hidden_cells(m: &Mask) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for r in 0..=m.rows() {
            for c in 0..=m.cols() {
                if m.hidden[r][c] {
                    out.push((r, c));
                }
            }
        }
        out
    }

    /// Worked by hand:
    /// ```text
    ///        x   y   z | total
    ///   A    3  10   7 |  20
    ///   B    6   8   9 |  23
    ///   ---------------+------
    ///        9  18  16 |  43
    /// ```
    /// A.x (3) is primary. Row A then holds one suppressed cell: its smallest other cell,
    /// A.z (7), is suppressed. Column x holds one: B.x (6). Column z holds one: B.z (9).
    /// Row B now holds two (B.x, B.z): done. The four corners of a rectangle are hidden and
    /// no total gives any of them away.
    #[test]
    fn a_small_cell_takes_a_rectangle_with_it() {
        let m = suppress(
            &Table {
                cells: vec![vec![3, 10, 7], vec![6, 8, 9]],
            },
            5,
        );
        assert_eq!(hidden_cells(&m), vec![(0, 0), (0, 2), (1, 0), (1, 2)]);
        assert_eq!(m.get(0, 3), Some(20), "row totals stay");
        assert_eq!(m.get(2, 0), Some(9), "column totals stay");
        assert_eq!(m.get(2, 3), Some(43));
    }

    /// One column (a distribution) with its total: 12, 2, 7, 0 | 21. The 2 is primary; its
    /// complement is the smallest non-zero other bucket, 7, not the zero.
    #[test]
    fn a_distribution_hides_a_second_bucket() {
        let m = suppress(
            &Table {
                cells: vec![vec![12], vec![2], vec![7], vec![0]],
            },
            5,
        );
        assert_eq!(hidden_cells(&m), vec![(1, 0), (1, 1), (2, 0), (2, 1)]);
        assert_eq!(m.get(4, 0), Some(21));
    }

    /// A row whose total is itself small:
    /// ```text
    ///        p   q | total
    ///   A    1   2 |   3
    ///   B   10  20 |  30
    ///   -----------+------
    ///       11  22 |  33
    /// ```
    /// A.p, A.q and A's total (3) are primary. Column p then holds one: B.p (10); column q:
    /// B.q (20); the column of row totals holds one (A's total): B's total (30). Only the
    /// column totals and the grand total remain, and none of them isolates a cell.
    #[test]
    fn a_small_total_is_protected_too() {
        let m = suppress(
            &Table {
                cells: vec![vec![1, 2], vec![10, 20]],
            },
            5,
        );
        assert_eq!(
            hidden_cells(&m),
            vec![(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)]
        );
        assert_eq!(m.get(2, 0), Some(11));
    }

    #[test]
    fn nothing_small_nothing_hidden() {
        let m = suppress(
            &Table {
                cells: vec![vec![5, 0], vec![9, 12]],
            },
            5,
        );
        assert!(hidden_cells(&m).is_empty());
    }

    #[test]
    fn no_line_ever_keeps_a_single_hidden_entry() {
        // A pseudo-random table, many small cells: every line ends with 0 or 2+ hidden.
        let mut x: u64 = 7;
        let cells: Vec<Vec<i64>> = (0..9)
            .map(|_| {
                (0..7)
                    .map(|_| {
                        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                        ((x >> 33) % 12) as i64
                    })
                    .collect()
            })
            .collect();
        let m = suppress(&Table { cells }, 5);
        for r in 0..=m.rows() {
            assert_ne!((0..=m.cols()).filter(|c| m.hidden[r][*c]).count(), 1);
        }
        for c in 0..=m.cols() {
            assert_ne!((0..=m.rows()).filter(|r| m.hidden[*r][c]).count(), 1);
        }
    }

    /// Reach of two regions, worked by hand (k = 5):
    /// ```text
    ///          24h  48h  72h  orders
    ///   A       10   12   20    30
    ///   B       10   20   21    40
    ///   ALL     20   32   41    70
    /// ```
    /// No count is below 5, so each column alone publishes everything; but A's 48h - 24h = 2
    /// would publish that 2 orders were reached between 24 and 48 hours. So A.24h (the inner
    /// one) is hidden, and B.24h with it as its complement in column 24h. Row B then shows
    /// 72h - 48h = 1: B.48h is hidden, and A.48h as its complement. What remains: row A 20,
    /// 30; row B 21, 40; the totals 20, 32, 41, 70. Every published difference on every row
    /// is at least 5.
    #[test]
    fn nested_columns_never_publish_a_small_difference() {
        let column = |a: i64, b: i64| Table {
            cells: vec![vec![a], vec![b]],
        };
        let masks = suppress_nested(
            &[
                column(10, 10),
                column(12, 20),
                column(20, 21),
                column(30, 40),
            ],
            5,
        );
        let row = |r: usize| -> Vec<Option<i64>> { masks.iter().map(|m| m.get(r, 0)).collect() };
        assert_eq!(row(0), vec![None, None, Some(20), Some(30)]);
        assert_eq!(row(1), vec![None, None, Some(21), Some(40)]);
        assert_eq!(row(2), vec![Some(20), Some(32), Some(41), Some(70)]);
        for r in 0..=2 {
            let published: Vec<i64> = row(r).into_iter().flatten().collect();
            for (i, a) in published.iter().enumerate() {
                for b in &published[i + 1..] {
                    assert!(!(1..5).contains(&(b - a)), "row {r}: {a} and {b}");
                }
            }
        }
    }
}
