/** Whether a submitted checkbox is on: browsers send "on" for a ticked box and nothing otherwise; JSON clients send a boolean. */
export const isChecked = (value: unknown): boolean => value === true || value === 'on' || value === 'true' || value === '1';
