package io.otlpiceberg.deploy;

import java.util.Set;

/**
 * The IAM actions the role's policy may name, spelled as in the AWS Service Authorization Reference
 * (Amazon MSK's kafka-cluster, Amazon S3 Tables, CloudWatch Logs): a typo in an action is no error
 * for CloudFormation, it just never matches.
 */
final class IamActions {
  static final Set<String> KNOWN =
      Set.of(
          "kafka-cluster:Connect",
          "kafka-cluster:AlterCluster",
          "kafka-cluster:DescribeCluster",
          "kafka-cluster:AlterClusterDynamicConfiguration",
          "kafka-cluster:DescribeClusterDynamicConfiguration",
          "kafka-cluster:WriteDataIdempotently",
          "kafka-cluster:CreateTopic",
          "kafka-cluster:DescribeTopic",
          "kafka-cluster:AlterTopic",
          "kafka-cluster:DeleteTopic",
          "kafka-cluster:ReadData",
          "kafka-cluster:WriteData",
          "kafka-cluster:DescribeTopicDynamicConfiguration",
          "kafka-cluster:AlterTopicDynamicConfiguration",
          "kafka-cluster:AlterGroup",
          "kafka-cluster:DescribeGroup",
          "kafka-cluster:DeleteGroup",
          "kafka-cluster:DescribeTransactionalId",
          "kafka-cluster:AlterTransactionalId",
          "s3tables:GetTableBucket",
          "s3tables:ListTableBuckets",
          "s3tables:CreateNamespace",
          "s3tables:GetNamespace",
          "s3tables:ListNamespaces",
          "s3tables:DeleteNamespace",
          "s3tables:CreateTable",
          "s3tables:GetTable",
          "s3tables:ListTables",
          "s3tables:DeleteTable",
          "s3tables:RenameTable",
          "s3tables:GetTableMetadataLocation",
          "s3tables:UpdateTableMetadataLocation",
          "s3tables:GetTableData",
          "s3tables:PutTableData",
          "s3tables:GetTableMaintenanceConfiguration",
          "s3tables:PutTableMaintenanceConfiguration",
          "logs:CreateLogStream",
          "logs:DescribeLogStreams",
          "logs:PutLogEvents");

  private IamActions() {}
}
