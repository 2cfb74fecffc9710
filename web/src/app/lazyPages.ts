// Every page but the order page is downloaded when first needed (see ./lazyPage). The staff pages
// (src/staff/) are reached only from here, so no customer page ever downloads their code.
import { lazyPage } from "./lazyPage";

export const TrackOrderPage = lazyPage(() => import("../pages/TrackOrderPage").then((m) => m.TrackOrderPage));
export const MyOrdersPage = lazyPage(() => import("../pages/MyOrdersPage").then((m) => m.MyOrdersPage));
export const NotificationsPage = lazyPage(() => import("../pages/NotificationsPage").then((m) => m.NotificationsPage));
export const SignInPage = lazyPage(() => import("../pages/account/SignInPage").then((m) => m.SignInPage));
export const SignUpPage = lazyPage(() => import("../pages/account/SignUpPage").then((m) => m.SignUpPage));
export const ConfirmSignUpPage = lazyPage(() => import("../pages/account/ConfirmSignUpPage").then((m) => m.ConfirmSignUpPage));
export const ForgotPasswordPage = lazyPage(() => import("../pages/account/ForgotPasswordPage").then((m) => m.ForgotPasswordPage));
export const AccountPage = lazyPage(() => import("../pages/account/AccountPage").then((m) => m.AccountPage));
export const KitchenPage = lazyPage(() => import("../staff/KitchenPage").then((m) => m.KitchenPage));
export const PickupBoardPage = lazyPage(() => import("../pages/PickupBoardPage").then((m) => m.PickupBoardPage));
