// The SES message tags every customer e-mail carries, and that SES's Send events repeat: the order
// and the e-mail's key on it. (Tag values allow letters, digits and _ - . @ only, so not the
// event id itself, whose '#' SES refuses.)
export const SES_TAGS = { orderId: "pizzaOrderId", emailKey: "pizzaEmailKey" } as const;
