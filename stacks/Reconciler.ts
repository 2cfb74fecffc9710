// The deadline reconciler: one function, invoked every minute by EventBridge Scheduler, that
// finds overdue orders with a Query on the orders table's in-flight index and finishes them
// (packages/core/src/reconciler). It may do exactly that: Query that index, read and
// conditionally update orders, and publish the notifications it owes.
import { Duration } from "aws-cdk-lib";
import { Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Schedule, ScheduleExpression } from "aws-cdk-lib/aws-scheduler";
import { LambdaInvoke } from "aws-cdk-lib/aws-scheduler-targets";
import { Function as SstFunction, type StackContext, use } from "sst/constructs";
import { theFunctionTriggeredBy } from "../packages/functions/src/functionManifest";
import { appFunctionProps } from "./appFunctionProps";
import { Notifications } from "./Notifications";
import { suppressLambdaBaselineFindings, suppressScheduleInvokeRoleFindings } from "./nagSuppressions";
import { Storage } from "./Storage";
import { stageConfig } from "./stageConfig";

const reconcilerFunction = theFunctionTriggeredBy("schedule");
/** How often the reconciler runs (the local shop's timer runs as often). */
const RECONCILER_RATE = Duration.minutes(reconcilerFunction.trigger.rateMinutes);

export function Reconciler({ stack }: StackContext) {
  const config = stageConfig(stack.stage);
  const { ordersTable } = use(Storage);
  const { orderNotifications } = use(Notifications);

  const reconciler = new SstFunction(
    stack,
    "ReconcilerFunction",
    appFunctionProps(reconcilerFunction, { stack, config, logGroupId: "ReconcilerFunctionLogs", resources: { ordersTable, orderNotifications } }),
  );
  suppressLambdaBaselineFindings(reconciler);

  // The schedule's own role (rather than the one the target would create at stack level) so its
  // one finding is suppressed right here; only this account's schedules may assume it.
  const scheduleRole = new Role(stack, "ReconcilerScheduleRole", {
    assumedBy: new ServicePrincipal("scheduler.amazonaws.com", { conditions: { StringEquals: { "aws:SourceAccount": stack.account } } }),
  });
  suppressScheduleInvokeRoleFindings(scheduleRole);
  // A missed run is not retried: the next one starts a minute later and finds the same orders.
  const schedule = new Schedule(stack, "ReconcilerSchedule", {
    schedule: ScheduleExpression.rate(RECONCILER_RATE),
    target: new LambdaInvoke(reconciler, { retryAttempts: 0, role: scheduleRole }),
    description: "Finishes orders past their deadline (pizza-orders deadline reconciler).",
  });

  return { reconciler, schedule };
}
