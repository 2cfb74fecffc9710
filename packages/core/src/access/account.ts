import { SignInRequiredError } from "../errors";
import { type Caller, isSignedIn, staffRestaurantsOf } from "./caller";

/** `me`: the signed-in person as the verified token says. */
export interface Account {
  customerId: string;
  email?: string;
  staffOf: readonly string[];
}

export function accountOf(caller: Caller): Account {
  if (!isSignedIn(caller)) throw new SignInRequiredError();
  return { customerId: caller.customerId, email: caller.email, staffOf: staffRestaurantsOf(caller) };
}
