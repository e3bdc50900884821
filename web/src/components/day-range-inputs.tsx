import { DateInput } from '@mantine/dates';
import { parseDay } from '@/lib/local-day';

export interface DayRange {
  /** Calendar days (`2026-01-31`), both included; '' when open. */
  from: string;
  to: string;
}

export interface DayRangeInputsProps extends DayRange {
  /** The person's own date format: the days show and are typed in it. */
  dateFormat: string;
  onChange: (range: Partial<DayRange>) => void;
  /** The width of each box from the `xs` breakpoint up; on a phone the two share a row. */
  width: number;
  /** The boxes' words, in the reader's language (English by default). */
  words?: { from: string; to: string; clear: (label: string) => string };
}

const ENGLISH = { from: 'From', to: 'To', clear: (label: string) => `Clear ${label}` };

/** "From" and "To" days of a filter, shown and typed in the person's date format, picked from a calendar. */
export function DayRangeInputs({ from, to, dateFormat, onChange, width, words = ENGLISH }: DayRangeInputsProps) {
  const shared = { valueFormat: dateFormat, placeholder: dateFormat, clearable: true, dateParser: (text: string) => parseDay(text, dateFormat), w: { base: 'calc(50% - 6px)', xs: width } };
  return (
    <>
      <DateInput label={words.from} clearButtonProps={{ 'aria-label': words.clear(words.from) }} {...shared} value={from || null} maxDate={to || undefined} onChange={(day) => onChange({ from: day ?? '' })} />
      <DateInput label={words.to} clearButtonProps={{ 'aria-label': words.clear(words.to) }} {...shared} value={to || null} minDate={from || undefined} onChange={(day) => onChange({ to: day ?? '' })} />
    </>
  );
}
