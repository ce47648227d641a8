/** Errors with messages written for the person filling the form; `field` says where to show them. */
export class CompanyError extends Error {
  constructor(
    message: string,
    readonly field: string = 'company',
  ) {
    super(message);
  }
}
