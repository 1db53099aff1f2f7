// Age in whole years on a date (YYYY-MM-DD), by the ordinary birthday rule: the age goes up on the
// birthday itself; a 29 February birthday counts from 1 March in common years. (The legal rule of
// 年齢計算ニ関スル法律 moves it one day earlier; unions count 扶養 ages by the birthday, as here.)
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number);
  const [y, m, d] = on.split("-").map(Number);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

/** 31 December of the year of `on`: the day the 19–22 rule counts ages at. */
export function yearEndOf(on: string): string {
  return `${on.slice(0, 4)}-12-31`;
}
